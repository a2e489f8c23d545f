package dev.sluice.decode;

import dev.sluice.config.EventTypeConfig;
import org.apache.avro.Schema;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.catalyst.util.LegacyDateFormats$;
import org.apache.spark.sql.catalyst.util.TimestampFormatter;
import org.apache.spark.sql.catalyst.util.TimestampFormatter$;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.util.control.NonFatal$;

/**
 * One pass over one Kafka value: the Confluent header (magic byte, 4-byte big-endian schema id), the payload through
 * Avro's resolving decoder for that writer id straight into Spark's row ({@link RowDatumReader}), then the checks that
 * make a record a dead letter, first match wins:
 * TRUNCATED, BAD_MAGIC_BYTE, UNKNOWN_SCHEMA_ID, UNDECODABLE, MISSING_EVENT_TIME, EVENT_TIME_OUT_OF_RANGE, NON_FINITE_NUMBER.
 *
 * <p>The result is {@link ConfluentAvroExpression#outputType}: the decoded event (null when the payload was not decoded),
 * the schema id (null unless the record is framed), the reason (null for good events) and, for the reasons the bytes
 * alone do not explain, what was wrong. The row it returns is reused by the next call, as {@code from_avro}'s is:
 * Spark copies what it keeps. Not thread-safe: one per task (each generated projection creates its own).
 */
public final class ConfluentRecordDecoder {

    static final int HEADER_LENGTH = 5;
    static final int EVENT = 0;
    static final int SCHEMA_ID = 1;
    static final int REASON = 2;
    static final int DETAIL = 3;
    /** The session time zone of Sluice jobs is UTC (JobSparkConf). */
    private static final String ISO_MILLIS = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";
    private static final UTF8String[] REASONS = new UTF8String[DeadLetterReason.values().length];

    static {
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            REASONS[reason.ordinal()] = UTF8String.fromString(reason.name());
        }
    }

    private final DecodeSpec spec;
    private final Schema reader;
    private final StructType eventType;
    private final long[] writerIds;
    /** Built on a writer's first record in this task; null until then, and null again if it cannot be built. */
    private final RowDatumReader[] writers;
    private final boolean[] built;
    private final SpecificInternalRow event;
    private final int eventIdOrdinal;
    private final int eventTimeOrdinal;
    private final int[] doubleOrdinals;
    private final SpecificInternalRow out;
    private TimestampFormatter formatter;

    ConfluentRecordDecoder(DecodeSpec spec, StructType eventType, StructType outputType) {
        this.spec = spec;
        this.reader = ParsedSchemas.of(spec.readerSchema());
        this.eventType = eventType;
        this.writerIds = spec.writerIds().clone();
        this.writers = new RowDatumReader[writerIds.length];
        this.built = new boolean[writerIds.length];
        this.event = new SpecificInternalRow(eventType);
        this.eventIdOrdinal = eventType.fieldIndex(EventTypeConfig.EVENT_ID);
        this.eventTimeOrdinal = eventType.fieldIndex(EventTypeConfig.EVENT_TIME);
        this.doubleOrdinals = spec.doubleFields().stream().mapToInt(eventType::fieldIndex).toArray();
        this.out = new SpecificInternalRow(outputType);
    }

    /**
     * @param value            the Kafka record's value (null for a tombstone)
     * @param timestampMicros  its Kafka timestamp in microseconds (Spark's timestamp)
     * @param timestampIsNull  whether it has none
     */
    public InternalRow decode(byte[] value, long timestampMicros, boolean timestampIsNull) {
        out.setNullAt(EVENT);
        out.setNullAt(SCHEMA_ID);
        out.setNullAt(DETAIL);
        if (value == null || value.length < HEADER_LENGTH) {
            return reason(DeadLetterReason.TRUNCATED);
        }
        if (value[0] != 0) {
            return reason(DeadLetterReason.BAD_MAGIC_BYTE);
        }
        // Four bytes, big-endian, unsigned: ids above 2^31 are ids too.
        long id = ((value[1] & 0xFFL) << 24) | ((value[2] & 0xFFL) << 16) | ((value[3] & 0xFFL) << 8) | (value[4] & 0xFFL);
        out.setLong(SCHEMA_ID, id);
        int writer = writer(id);
        if (writer < 0) {
            return reason(DeadLetterReason.UNKNOWN_SCHEMA_ID);
        }
        InternalRow event = decodePayload(writer, value);
        if (event == null || event.isNullAt(eventIdOrdinal)) {
            return reason(DeadLetterReason.UNDECODABLE);
        }
        out.update(EVENT, event);
        if (event.isNullAt(eventTimeOrdinal)) {
            return reason(DeadLetterReason.MISSING_EVENT_TIME);
        }
        long eventMs = Math.floorDiv(event.getLong(eventTimeOrdinal), 1000L);
        long kafkaMs = timestampIsNull ? -1 : Math.floorDiv(timestampMicros, 1000L);
        if (EventTimeRange.outOfRange(eventMs, kafkaMs)) {
            reason(DeadLetterReason.EVENT_TIME_OUT_OF_RANGE);
            if (!timestampIsNull) {
                out.update(DETAIL, UTF8String.fromString("event_time " + format(event.getLong(eventTimeOrdinal)) + " with Kafka timestamp "
                        + format(timestampMicros) + ": " + EventTimeRange.describe()));
            }
            return out;
        }
        String nonFinite = nonFiniteFields(event);
        if (nonFinite != null) {
            reason(DeadLetterReason.NON_FINITE_NUMBER);
            out.update(DETAIL, UTF8String.fromString("double fields must be finite numbers: " + nonFinite));
            return out;
        }
        out.setNullAt(REASON);
        return out;
    }

    /** The index of a registered writer id, -1 for others. Writers are few (one per version): a scan beats boxing the id. */
    private int writer(long id) {
        for (int i = 0; i < writerIds.length; i++) {
            if (writerIds[i] == id) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The event, or null when the payload does not decode or does not resolve to the reader schema. Any failure but a
     * fatal one is bad data, as in from_avro's PERMISSIVE mode.
     */
    private InternalRow decodePayload(int writer, byte[] value) {
        try {
            RowDatumReader datumReader = datumReader(writer);
            if (datumReader == null) {
                return null;
            }
            datumReader.read(value, HEADER_LENGTH, value.length - HEADER_LENGTH, event);
            return event;
        } catch (Throwable e) {
            if (!NonFatal$.MODULE$.apply(e)) {
                throw ConfluentRecordDecoder.<RuntimeException>rethrow(e);
            }
            return null;
        }
    }

    /** Resolved once per writer/reader pair and task; a writer that does not resolve to the reader makes its records undecodable. */
    private RowDatumReader datumReader(int writer) {
        if (!built[writer]) {
            built[writer] = true;
            try {
                writers[writer] = new RowDatumReader(ParsedSchemas.of(spec.writerSchemas().get(writer)), reader, eventType,
                        spec.datetimeRebaseMode());
            } catch (java.io.IOException | RuntimeException e) {
                writers[writer] = null;
            }
        }
        return writers[writer];
    }

    /** "score=NaN, other=Infinity" for the double fields that are not finite numbers (nulls are fine); null when all are. */
    private String nonFiniteFields(InternalRow event) {
        StringBuilder bad = null;
        for (int i = 0; i < doubleOrdinals.length; i++) {
            int ordinal = doubleOrdinals[i];
            if (!event.isNullAt(ordinal) && !Double.isFinite(event.getDouble(ordinal))) {
                bad = bad == null ? new StringBuilder() : bad.append(", ");
                // Double.toString is what Spark's cast to string prints: NaN, Infinity, -Infinity.
                bad.append(spec.doubleFields().get(i)).append('=').append(event.getDouble(ordinal));
            }
        }
        return bad == null ? null : bad.toString();
    }

    private InternalRow reason(DeadLetterReason reason) {
        out.update(REASON, REASONS[reason.ordinal()]);
        return out;
    }

    /** As date_format does it (Spark's formatter, session time zone); built on the first dead letter that needs it. */
    private String format(long micros) {
        if (formatter == null) {
            formatter = TimestampFormatter$.MODULE$.apply(ISO_MILLIS, DateTimeUtils.getZoneId(spec.timeZone()),
                    LegacyDateFormats$.MODULE$.SIMPLE_DATE_FORMAT(), false, false);
        }
        return formatter.format(micros);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T rethrow(Throwable e) throws T {
        throw (T) e;
    }
}
