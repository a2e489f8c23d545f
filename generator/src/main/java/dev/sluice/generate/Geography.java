package dev.sluice.generate;

import java.util.HashMap;
import java.util.Map;

/** Continents of ISO 3166-1 alpha-2 codes: enough geography to call a country "far" from another. */
final class Geography {

    private static final Map<String, String> CONTINENT = new HashMap<>();

    static {
        put("EU", "AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LT LU LV MT NL NO PL PT RO SE SI SK UA RS BA AL MK MD BY RU");
        put("NA", "US CA MX GT CU DO HN SV NI CR PA JM HT PR");
        put("SA", "BR AR CL CO PE VE EC BO PY UY");
        put("AF", "NG ZA EG KE MA DZ TN GH ET TZ UG SN CI CM AO");
        put("AS", "CN JP KR IN ID PK BD VN TH MY SG PH TW HK AE SA IL TR IR IQ KZ QA KW");
        put("OC", "AU NZ FJ PG");
    }

    private Geography() {
    }

    private static void put(String continent, String codes) {
        for (String code : codes.split(" ")) {
            CONTINENT.put(code, continent);
        }
    }

    /** True when both are known countries on different continents, or when either is unknown and they differ. */
    static boolean far(Object a, Object b) {
        if (a == null || b == null || a.equals(b)) {
            return false;
        }
        String ca = CONTINENT.get(a.toString());
        String cb = CONTINENT.get(b.toString());
        return ca == null || cb == null || !ca.equals(cb);
    }
}
