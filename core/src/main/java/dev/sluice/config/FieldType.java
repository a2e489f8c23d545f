package dev.sluice.config;

/** Field types an event may declare. Money is integer cents (Avro long), never floating point. */
public enum FieldType {
    STRING, INT, LONG, DOUBLE, BOOLEAN,
    /** An amount of money as a long number of minor units (cents). */
    MONEY,
    /** An instant, Avro long with logical type timestamp-millis. */
    TIMESTAMP,
    /** One of a fixed list of symbols. */
    ENUM;

    public boolean numeric() {
        return this == INT || this == LONG || this == DOUBLE || this == MONEY;
    }

    public boolean orderable() {
        return numeric() || this == TIMESTAMP || this == STRING;
    }
}
