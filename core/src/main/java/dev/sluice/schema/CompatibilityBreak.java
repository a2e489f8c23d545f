package dev.sluice.schema;

/**
 * One reason why {@code newer} breaks compatibility with {@code older} in one direction.
 *
 * @param direction BACKWARD: the newer schema reads data written with the older one; FORWARD: the reverse
 * @param subject   what broke: {@code field 'amount'} or {@code record}
 * @param rule      the short rule name, e.g. {@code type changed}, {@code enum symbol removed}
 * @param detail    the readable explanation with the reader/writer roles
 */
public record CompatibilityBreak(VersionedSchema newer, VersionedSchema older, Direction direction, String subject, String rule,
                                 String detail) {

    public enum Direction { BACKWARD, FORWARD }

    /** {@code payments/transaction v3 vs v2 (BACKWARD): field 'amount': type changed from long to string (...)}. */
    public String line() {
        return newer.label() + " vs v" + older.version() + " (" + direction + "): " + subject + ": " + detail;
    }

    @Override
    public String toString() {
        return line();
    }
}
