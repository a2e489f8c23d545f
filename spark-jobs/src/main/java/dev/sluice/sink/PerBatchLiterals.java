package dev.sluice.sink;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.lit;

/**
 * Values that change with every micro-batch (the late-event watermark, the write version), as literals that leave the
 * generated code the same from batch to batch.
 *
 * <p>Why: Spark writes Long, Int and Timestamp literals into the generated Java source ({@code Literal.doGenCode}),
 * and its compiled-class cache is keyed on that source, so a plan holding {@code lit(watermarkMs)} is new source in
 * every batch and Janino compiles its whole stage again (measured: README "Performance"). Decimal and String literals
 * are passed to the generated class as references instead ({@code ctx.addReferenceObj}): the source stays the same and
 * the cached class is reused. Decimal(18, 0) is a compact decimal (held in a long), so comparisons stay cheap; the
 * column side is cast to the same type, which Spark does not unwrap back into a long comparison (a long does not
 * up-cast to Decimal(18, 0)). {@code PerBatchLiteralsTest} pins all of this by counting compilations.
 */
public final class PerBatchLiterals {

    /** Epoch milliseconds and write versions fit in 18 digits (year 33658 in ms). */
    static final DataType MILLIS = DataTypes.createDecimalType(18, 0);

    /** The text form {@link dev.sluice.sink.JsonRows} gives timestamps; ClickHouse parses it into DateTime64(3). */
    private static final DateTimeFormatter JSON_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private PerBatchLiterals() {
    }

    /** A per-batch whole number (epoch ms, a version) as a referenced Decimal(18, 0) literal. */
    public static Column number(long value) {
        return lit(new BigDecimal(value)).cast(MILLIS);
    }

    /** {@code timestamp <= epochMs}, without the batch's value in the generated code. */
    public static Column atOrBefore(Column timestamp, long epochMs) {
        return epochMillis(timestamp).leq(number(epochMs));
    }

    /** {@code epochMs - timestamp} in milliseconds, as a long. */
    public static Column millisSince(Column timestamp, long epochMs) {
        return number(epochMs).minus(epochMillis(timestamp)).cast(DataTypes.LongType);
    }

    /** A per-batch timestamp as the JSON text {@code to_json} writes for a timestamp column (a referenced String literal). */
    public static Column jsonTimestamp(long epochMs) {
        return lit(JSON_TIMESTAMP.format(Instant.ofEpochMilli(epochMs)));
    }

    private static Column epochMillis(Column timestamp) {
        return call_function("unix_millis", timestamp).cast(MILLIS);
    }
}
