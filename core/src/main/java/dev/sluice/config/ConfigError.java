package dev.sluice.config;

/**
 * One problem in the configuration, located precisely enough to fix without searching:
 * {@code config/domains/payments.yaml:42:13: aggregations.fraud.window.size: invalid duration '5 mins'. Fix: ...}.
 *
 * @param path the field path inside the file, e.g. {@code aggregations.merchant_fraud_5m.window.size}
 * @param fix  how to fix it, or null when the message says it all
 */
public record ConfigError(SourceLocation location, String path, String message, String fix) {

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(location).append(": ");
        if (path != null && !path.isEmpty()) {
            text.append(path).append(": ");
        }
        text.append(message);
        if (fix != null) {
            text.append(". Fix: ").append(fix);
        }
        return text.toString();
    }
}
