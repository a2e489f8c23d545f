package dev.sluice.testsupport;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A ClickHouse database that belongs to one test class: created empty before its first test, dropped after its last.
 * The random suffix keeps parallel builds (and leftovers of a killed run) from colliding.
 *
 * <p>Get one as a parameter of a test method, constructor or {@code @BeforeAll} method of a class extended with
 * {@link RealStack}; all of them in one class receive the same database.
 */
public final class ClickHouseTestDatabase {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_CLASS_PART = 40;

    private final ClickHouseHttp http;
    private final String serverUrl;
    private final String name;

    private ClickHouseTestDatabase(ClickHouseHttp http, String serverUrl, String name) {
        this.http = http;
        this.serverUrl = serverUrl;
        this.name = name;
    }

    static ClickHouseTestDatabase create(String serverUrl, Class<?> testClass) {
        return create(new ClickHouseHttp(serverUrl), serverUrl, testClass);
    }

    /**
     * A database on a server the test runs itself (a private server it stops and starts, or one with a password),
     * instead of the one {@link RealStack} resolves. The caller drops it ({@link #drop()}) or stops the server.
     *
     * @param user     the ClickHouse user, or null for the server's default without a password
     * @param password the user's password (sent in a header, never in the URL)
     */
    public static ClickHouseTestDatabase createOn(String serverUrl, String user, String password, Class<?> testClass) {
        return create(new ClickHouseHttp(serverUrl, user, password), serverUrl, testClass);
    }

    private static ClickHouseTestDatabase create(ClickHouseHttp http, String serverUrl, Class<?> testClass) {
        ClickHouseTestDatabase database = new ClickHouseTestDatabase(http, serverUrl, nameFor(testClass));
        database.http.execute(null, "CREATE DATABASE " + database.name);
        return database;
    }

    /** {@code it_<test class>_<random>}: lower case letters, digits and underscores only, so it never needs quoting. */
    static String nameFor(Class<?> testClass) {
        String classPart = testClass.getSimpleName().replaceAll("[^A-Za-z0-9]+", "_").toLowerCase(Locale.ROOT);
        if (classPart.length() > MAX_CLASS_PART) {
            classPart = classPart.substring(0, MAX_CLASS_PART);
        }
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        return "it_" + classPart + "_" + HexFormat.of().formatHex(suffix);
    }

    /** The database's name, for qualified table names and for clients configured with a default database. */
    public String name() {
        return name;
    }

    /** The ClickHouse server's HTTP URL. */
    public String serverUrl() {
        return serverUrl;
    }

    /**
     * Runs one SQL statement with this database as the default and returns the response body; a SELECT answers in
     * TabSeparated unless the statement says {@code FORMAT ...}. Throws with ClickHouse's error text on failure.
     */
    public String sql(String statement) {
        return http.execute(name, statement);
    }

    public void drop() {
        http.execute(null, "DROP DATABASE IF EXISTS " + name);
    }
}
