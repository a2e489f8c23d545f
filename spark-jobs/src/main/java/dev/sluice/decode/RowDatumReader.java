package dev.sluice.decode;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.ResolvingDecoder;
import org.apache.avro.util.Utf8;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.catalyst.util.RebaseDateTime;
import org.apache.spark.sql.execution.datasources.DataSourceUtils;
import org.apache.spark.sql.internal.LegacyBehaviorPolicy$;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Function1;
import scala.Option;

import java.io.IOException;
import java.util.Arrays;

/**
 * Avro's own {@link ResolvingDecoder} for one writer/reader schema pair (schema resolution: the writer's field order,
 * skipped fields, the reader's defaults, promotions, enum and union branch mapping), with each value it yields written
 * straight into Spark's row. That is {@code GenericDatumReader} followed by spark-avro's {@code AvroDeserializer} (what
 * {@code from_avro} runs) without the {@code GenericRecord} in between: no boxed longs and doubles, no enum symbol
 * objects, one copy of each string's bytes. The conversions are spark-avro's: enum symbols and strings to UTF8String,
 * timestamp-millis to microseconds with {@code millisToMicros} and spark-avro's rebase function for the session's
 * {@code datetimeRebaseModeInRead} (so a timestamp before 1582 fails the same way).
 *
 * <p>Covers the Avro types Sluice's reader schemas are made of ({@code EventSchemas}: string, enum, int, long,
 * timestamp-millis, double, boolean, and unions of null with one of them); any other is refused when it is built.
 * Not thread-safe: one per writer per task.
 */
final class RowDatumReader {

    /** Reads one field's value from the decoder into its row ordinal. */
    @FunctionalInterface
    private interface FieldReader {
        void read(ResolvingDecoder in, SpecificInternalRow row) throws IOException;
    }

    private final ResolvingDecoder resolver;
    /** By the reader schema's field position. */
    private final FieldReader[] fields;
    private BinaryDecoder binary;

    /**
     * @param eventType the row's Spark type: what spark-avro derives from {@code reader}, in the reader's field order
     */
    RowDatumReader(Schema writer, Schema reader, StructType eventType, String datetimeRebaseMode) throws IOException {
        this.resolver = DecoderFactory.get().resolvingDecoder(writer, reader, null);
        Function1<Object, Object> rebase = DataSourceUtils.createTimestampRebaseFuncInRead(
                new RebaseDateTime.RebaseSpec(LegacyBehaviorPolicy$.MODULE$.withName(datetimeRebaseMode), Option.empty()), "Avro");
        this.fields = new FieldReader[reader.getFields().size()];
        for (Schema.Field field : reader.getFields()) {
            int ordinal = eventType.fieldIndex(field.name());
            fields[field.pos()] = fieldReader(field.schema(), eventType.fields()[ordinal].dataType(), ordinal, rebase);
        }
    }

    /** Decodes {@code length} bytes from {@code offset} into {@code row}; throws on bytes that do not decode or resolve. */
    void read(byte[] bytes, int offset, int length, SpecificInternalRow row) throws IOException {
        binary = DecoderFactory.get().binaryDecoder(bytes, offset, length, binary);
        resolver.configure(binary);
        for (Schema.Field field : resolver.readFieldOrder()) {
            fields[field.pos()].read(resolver, row);
        }
        resolver.drain();
    }

    private static FieldReader fieldReader(Schema schema, DataType type, int ordinal, Function1<Object, Object> rebase) {
        switch (schema.getType()) {
            case UNION -> {
                FieldReader[] branches = new FieldReader[schema.getTypes().size()];
                for (int i = 0; i < branches.length; i++) {
                    branches[i] = fieldReader(schema.getTypes().get(i), type, ordinal, rebase);
                }
                return (in, row) -> branches[in.readIndex()].read(in, row);
            }
            case NULL -> {
                return (in, row) -> {
                    in.readNull();
                    row.setNullAt(ordinal);
                };
            }
            case STRING -> {
                expect(schema, type, DataTypes.StringType);
                Utf8 scratch = new Utf8();
                return (in, row) -> {
                    Utf8 text = in.readString(scratch);
                    row.update(ordinal, UTF8String.fromBytes(Arrays.copyOf(text.getBytes(), text.getByteLength())));
                };
            }
            case ENUM -> {
                expect(schema, type, DataTypes.StringType);
                UTF8String[] symbols = schema.getEnumSymbols().stream().map(UTF8String::fromString).toArray(UTF8String[]::new);
                return (in, row) -> row.update(ordinal, symbols[in.readEnum()]);
            }
            case INT -> {
                expect(schema, type, DataTypes.IntegerType);
                return (in, row) -> row.setInt(ordinal, in.readInt());
            }
            case LONG -> {
                if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
                    expect(schema, type, DataTypes.TimestampType);
                    return (in, row) -> row.setLong(ordinal, rebase.apply$mcJJ$sp(DateTimeUtils.millisToMicros(in.readLong())));
                }
                expect(schema, type, DataTypes.LongType);
                return (in, row) -> row.setLong(ordinal, in.readLong());
            }
            case DOUBLE -> {
                expect(schema, type, DataTypes.DoubleType);
                return (in, row) -> row.setDouble(ordinal, in.readDouble());
            }
            case BOOLEAN -> {
                expect(schema, type, DataTypes.BooleanType);
                return (in, row) -> row.setBoolean(ordinal, in.readBoolean());
            }
            default -> throw new IllegalArgumentException("bug: Avro type " + schema + " is not one of the types event schemas are made of");
        }
    }

    private static void expect(Schema schema, DataType actual, DataType expected) {
        if (!actual.equals(expected)) {
            throw new IllegalArgumentException("bug: Avro " + schema + " read as Spark " + actual + ", expected " + expected);
        }
    }
}
