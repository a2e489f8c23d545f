package dev.sluice.decode;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.spark.sql.avro.AvroDeserializer;
import org.apache.spark.sql.avro.SchemaConverters$;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.sluice.testing.AvroOrders.V1;
import static dev.sluice.testing.AvroOrders.V2;
import static dev.sluice.testing.AvroOrders.confluent;
import static dev.sluice.testing.AvroOrders.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The row reader against what from_avro does per record (GenericDatumReader, then spark-avro's AvroDeserializer). */
class RowDatumReaderTest {

    private static final StructType TYPE = (StructType) SchemaConverters$.MODULE$.toSqlType(V2).dataType().asNullable();

    private static List<Object> fromAvro(Schema writer, byte[] framed, String rebaseMode) throws IOException {
        Object datum = new GenericDatumReader<>(writer, V2).read(null, DecoderFactory.get().binaryDecoder(framed, 5, framed.length - 5, null));
        InternalRow row = (InternalRow) new AvroDeserializer(V2, TYPE, rebaseMode, false).deserialize(datum).get();
        return scala.collection.JavaConverters.seqAsJavaList(row.toSeq(TYPE));
    }

    private static List<Object> rowReader(Schema writer, byte[] framed, String rebaseMode) throws IOException {
        SpecificInternalRow row = new SpecificInternalRow(TYPE);
        new RowDatumReader(writer, V2, TYPE, rebaseMode).read(framed, 5, framed.length - 5, row);
        return scala.collection.JavaConverters.seqAsJavaList(row.toSeq(TYPE));
    }

    @Test
    void givesFromAvrosRowsForEveryWriterVersion() throws IOException {
        Random random = new Random(5);
        List<String> countries = new ArrayList<>(java.util.Arrays.asList("US", "GB", "", "Zürich", null));
        for (int i = 0; i < 200; i++) {
            Schema writer = i % 3 == 0 ? V1 : V2;
            GenericRecord record = record(writer, "e" + i, "00:00:0" + (i % 10), "u" + random.nextInt(50),
                    countries.get(random.nextInt(countries.size())), random.nextBoolean() ? "approved" : "declined", random.nextLong());
            record.put("event_time", random.nextLong() % 4_000_000_000_000L);
            record.put("quantity", random.nextInt());
            record.put("score", random.nextGaussian());
            record.put("is_fraud", random.nextBoolean());
            byte[] framed = confluent(1, record);
            assertEquals(fromAvro(writer, framed, "CORRECTED"), rowReader(writer, framed, "CORRECTED"), record.toString());
        }
    }

    @Test
    void timestampsBefore1582FailAsFromAvrosDoUnderTheDefaultRebaseMode() {
        GenericRecord old = record(V2, "old", "00:00:01", "u", "US", "approved", 1);
        old.put("event_time", Instant.parse("1500-01-01T00:00:00Z").toEpochMilli());
        byte[] framed = confluent(1, old);
        assertThrows(org.apache.spark.SparkUpgradeException.class, () -> fromAvro(V2, framed, "EXCEPTION"));
        assertThrows(org.apache.spark.SparkUpgradeException.class, () -> rowReader(V2, framed, "EXCEPTION"));
    }

    @Test
    void anEnumSymbolTheReaderLacksDoesNotResolve() {
        Schema writer = new Schema.Parser().parse(V2.toString().replace("\"declined\"]", "\"declined\",\"refunded\"]"));
        GenericRecord refunded = new GenericData.Record(writer);
        GenericRecord base = record(V2, "r", "00:00:01", "u", "US", "approved", 1);
        writer.getFields().forEach(f -> refunded.put(f.name(), base.get(f.name())));
        refunded.put("status", new GenericData.EnumSymbol(writer.getField("status").schema(), "refunded"));
        byte[] framed = confluent(1, refunded);
        assertThrows(org.apache.avro.AvroTypeException.class, () -> fromAvro(writer, framed, "EXCEPTION"));
        assertThrows(org.apache.avro.AvroTypeException.class, () -> rowReader(writer, framed, "EXCEPTION"));
    }
}
