package dev.sluice.clickhouse;

import com.clickhouse.client.api.ServerException;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a failed ClickHouse call is worth retrying. Server errors are classified by ClickHouse's error code
 * (the code, not the HTTP status: 18.16 answers 500 to every error, syntax errors included); failures without a
 * server answer (refused or reset connections, timeouts) are transient.
 */
public final class FailureClassifier {

    /** Classification of one failure: the kind, the server's error code (0 if none) and a one-line summary. */
    public record Failure(FailureKind kind, int serverCode, String summary) {
    }

    private static final Pattern CODE_IN_TEXT = Pattern.compile("Code:\\s*(\\d+)");

    private static final Map<Integer, FailureKind> BY_CODE = Map.ofEntries(
            // transient: overload, timeouts, replication hiccups
            Map.entry(3, FailureKind.RETRIABLE),    // UNEXPECTED_END_OF_FILE: the body was cut in transit
            Map.entry(159, FailureKind.RETRIABLE),  // TIMEOUT_EXCEEDED
            Map.entry(202, FailureKind.RETRIABLE),  // TOO_MANY_SIMULTANEOUS_QUERIES
            Map.entry(203, FailureKind.RETRIABLE),  // NO_FREE_CONNECTION
            Map.entry(209, FailureKind.RETRIABLE),  // SOCKET_TIMEOUT
            Map.entry(210, FailureKind.RETRIABLE),  // NETWORK_ERROR
            Map.entry(236, FailureKind.RETRIABLE),  // ABORTED
            Map.entry(241, FailureKind.RETRIABLE),  // MEMORY_LIMIT_EXCEEDED: the server is busy
            Map.entry(242, FailureKind.RETRIABLE),  // TABLE_IS_READ_ONLY: replica lost ZooKeeper
            Map.entry(252, FailureKind.RETRIABLE),  // TOO_MANY_PARTS: merges will catch up
            Map.entry(285, FailureKind.RETRIABLE),  // TOO_FEW_LIVE_REPLICAS
            Map.entry(319, FailureKind.RETRIABLE),  // UNKNOWN_STATUS_OF_INSERT
            Map.entry(394, FailureKind.RETRIABLE),  // QUERY_WAS_CANCELLED
            Map.entry(425, FailureKind.RETRIABLE),  // SYSTEM_ERROR
            Map.entry(999, FailureKind.RETRIABLE),  // KEEPER_EXCEPTION
            Map.entry(1000, FailureKind.RETRIABLE), // POCO_EXCEPTION (network inside the server)
            // the table, the columns or the credentials do not match the config
            Map.entry(8, FailureKind.BAD_CONFIG),   // THERE_IS_NO_COLUMN
            Map.entry(10, FailureKind.BAD_CONFIG),  // NOT_FOUND_COLUMN_IN_BLOCK
            Map.entry(16, FailureKind.BAD_CONFIG),  // NO_SUCH_COLUMN_IN_TABLE
            Map.entry(47, FailureKind.BAD_CONFIG),  // UNKNOWN_IDENTIFIER
            Map.entry(60, FailureKind.BAD_CONFIG),  // UNKNOWN_TABLE
            Map.entry(81, FailureKind.BAD_CONFIG),  // UNKNOWN_DATABASE
            Map.entry(115, FailureKind.BAD_CONFIG), // UNKNOWN_SETTING
            Map.entry(164, FailureKind.BAD_CONFIG), // READONLY (user profile)
            Map.entry(192, FailureKind.BAD_CONFIG), // UNKNOWN_USER
            Map.entry(193, FailureKind.BAD_CONFIG), // WRONG_PASSWORD
            Map.entry(194, FailureKind.BAD_CONFIG), // REQUIRED_PASSWORD
            Map.entry(195, FailureKind.BAD_CONFIG), // IP_ADDRESS_NOT_ALLOWED
            Map.entry(497, FailureKind.BAD_CONFIG), // ACCESS_DENIED
            Map.entry(516, FailureKind.BAD_CONFIG), // AUTHENTICATION_FAILED
            // the rows cannot be parsed or stored
            Map.entry(6, FailureKind.BAD_DATA),     // CANNOT_PARSE_TEXT
            Map.entry(26, FailureKind.BAD_DATA),    // CANNOT_PARSE_QUOTED_STRING
            Map.entry(27, FailureKind.BAD_DATA),    // CANNOT_PARSE_INPUT_ASSERTION_FAILED
            Map.entry(32, FailureKind.BAD_DATA),    // ATTEMPT_TO_READ_AFTER_EOF
            Map.entry(33, FailureKind.BAD_DATA),    // CANNOT_READ_ALL_DATA
            Map.entry(38, FailureKind.BAD_DATA),    // CANNOT_PARSE_DATE
            Map.entry(41, FailureKind.BAD_DATA),    // CANNOT_PARSE_DATETIME
            Map.entry(53, FailureKind.BAD_DATA),    // TYPE_MISMATCH
            Map.entry(69, FailureKind.BAD_DATA),    // ARGUMENT_OUT_OF_BOUND
            Map.entry(70, FailureKind.BAD_DATA),    // CANNOT_CONVERT_TYPE
            Map.entry(72, FailureKind.BAD_DATA),    // CANNOT_PARSE_NUMBER
            Map.entry(117, FailureKind.BAD_DATA),   // INCORRECT_DATA (see unknownField for the exception)
            Map.entry(131, FailureKind.BAD_DATA),   // TOO_LARGE_STRING_SIZE
            Map.entry(349, FailureKind.BAD_DATA),   // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN
            // Sluice sent something invalid
            Map.entry(1, FailureKind.BUG),          // UNSUPPORTED_METHOD
            Map.entry(36, FailureKind.BUG),         // BAD_ARGUMENTS
            Map.entry(42, FailureKind.BUG),         // NUMBER_OF_ARGUMENTS_DOESNT_MATCH
            Map.entry(43, FailureKind.BUG),         // ILLEGAL_TYPE_OF_ARGUMENT
            Map.entry(44, FailureKind.BUG),         // ILLEGAL_COLUMN
            Map.entry(46, FailureKind.BUG),         // UNKNOWN_FUNCTION
            Map.entry(48, FailureKind.BUG),         // NOT_IMPLEMENTED
            Map.entry(49, FailureKind.BUG),         // LOGICAL_ERROR
            Map.entry(62, FailureKind.BUG),         // SYNTAX_ERROR
            Map.entry(73, FailureKind.BUG));        // UNKNOWN_FORMAT

    private FailureClassifier() {
    }

    /** The kind ClickHouse error {@code code} belongs to, or empty when the code is not known to Sluice. */
    public static java.util.Optional<FailureKind> kindOfCode(int code) {
        return java.util.Optional.ofNullable(BY_CODE.get(code));
    }

    public static Failure classify(Throwable failure) {
        Throwable t = unwrap(failure);
        ServerException server = find(t, ServerException.class);
        if (server != null) {
            int code = server.getCode() > 0 ? server.getCode() : codeInText(server.getMessage());
            return classifyServer(code, server.getTransportProtocolCode(), firstLine(server.getMessage()));
        }
        if (String.valueOf(t.getMessage()).contains("502 Bad gateway")) {
            return new Failure(FailureKind.RETRIABLE, 0, firstLine(t.getMessage()));
        }
        int codeInMessage = codeInText(messages(t));
        if (codeInMessage > 0) {
            return classifyServer(codeInMessage, 0, firstLine(t.getMessage()));
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof javax.net.ssl.SSLHandshakeException || c instanceof java.security.cert.CertificateException) {
                return new Failure(FailureKind.BAD_CONFIG, 0, "TLS handshake failed (" + firstLine(c.getMessage())
                        + "); check the https URL and the trust store");
            }
            if (c instanceof java.net.ConnectException || c instanceof java.net.NoRouteToHostException
                    || c instanceof java.net.SocketTimeoutException || c instanceof java.net.SocketException
                    || c instanceof java.net.UnknownHostException || c instanceof java.io.InterruptedIOException
                    || c instanceof java.io.EOFException
                    || c.getClass().getName().endsWith("NoHttpResponseException")
                    || c.getClass().getName().endsWith("ConnectionClosedException")
                    || c instanceof com.clickhouse.client.api.ConnectionInitiationException
                    || c instanceof java.util.concurrent.TimeoutException) {
                return new Failure(FailureKind.RETRIABLE, 0, c.getClass().getSimpleName() + ": " + firstLine(c.getMessage()));
            }
        }
        if (t instanceof java.io.IOException || find(t, java.io.IOException.class) != null) {
            return new Failure(FailureKind.RETRIABLE, 0, t.getClass().getSimpleName() + ": " + firstLine(messages(t)));
        }
        return new Failure(FailureKind.BUG, 0, "unexpected " + t.getClass().getName() + ": " + firstLine(t.getMessage()));
    }

    static Failure classifyServer(int code, int httpStatus, String message) {
        if (code > 0) {
            FailureKind kind = BY_CODE.get(code);
            if (code == 117 && message != null && message.contains("Unknown field")) {
                kind = FailureKind.BAD_CONFIG; // the body has a column the table lacks: the table is behind the config
            }
            if (kind == null) {
                kind = FailureKind.BUG;
            }
            return new Failure(kind, code, "ClickHouse error " + code + ": " + message);
        }
        if (httpStatus == 404) {
            return new Failure(FailureKind.BAD_CONFIG, 0, "HTTP 404 (ClickHouse answers it for an unknown table or database): " + message);
        }
        if (httpStatus == 401 || httpStatus == 403) {
            return new Failure(FailureKind.BAD_CONFIG, 0, "HTTP " + httpStatus + " (authentication): " + message);
        }
        if (httpStatus >= 500 || httpStatus == 408 || httpStatus == 429) {
            return new Failure(FailureKind.RETRIABLE, 0, "HTTP " + httpStatus + ": " + message);
        }
        return new Failure(FailureKind.BUG, 0, "HTTP " + httpStatus + ": " + message);
    }

    /** Explains what to do about a failure of this kind, for the end of an error message. */
    public static String advice(FailureKind kind, int code) {
        return switch (kind) {
            case RETRIABLE -> "the server or the network is struggling; the write is retried and can be re-run safely";
            case BAD_DATA -> "the rows do not fit the table's column types; check what the query produces against the table";
            case BAD_CONFIG -> code == 60 || code == 16 || code == 81 || code == 117 || code == 8 || code == 10
                    ? "the table does not match the config; run `bin/sluice ddl apply --env <env>`"
                    : "check clickhouse.url, clickhouse.username and the clickhouse_password secret";
            case BUG -> "this is a Sluice bug; please report it with this message";
        };
    }

    private static int codeInText(String text) {
        if (text == null) {
            return 0;
        }
        Matcher m = CODE_IN_TEXT.matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null) {
                sb.append(c.getMessage()).append(" | ");
            }
        }
        return sb.toString();
    }

    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof java.util.concurrent.ExecutionException || current instanceof java.util.concurrent.CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    static String firstLine(String text) {
        if (text == null) {
            return "(no message)";
        }
        String s = text.strip();
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 500 ? line.substring(0, 500) + "..." : line;
    }
}
