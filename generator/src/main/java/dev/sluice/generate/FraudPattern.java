package dev.sluice.generate;

import java.util.Locale;

/** The fraud patterns the generator can inject; names match {@code generator.fraud.patterns} in the YAML. */
public enum FraudPattern {
    /** Many tiny amounts on one card within minutes, at one small online merchant. */
    CARD_TESTING,
    /** Many transactions of one card in a short time at several merchants, larger than usual. */
    BURST,
    /** A card used in its home country, then minutes later in a far one (the far ones are fraud). */
    GEO_ANOMALY,
    /** Large amounts at gambling / money transfer / digital goods merchants, mostly at night. */
    RISKY_MERCHANT;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FraudPattern fromConfig(String name) {
        for (FraudPattern pattern : values()) {
            if (pattern.configName().equals(name)) {
                return pattern;
            }
        }
        return null;
    }
}
