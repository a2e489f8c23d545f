package dev.sluice.decode;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.codegen.CodeBlock;
import org.apache.spark.sql.catalyst.expressions.codegen.CodeGenerator;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext;
import org.apache.spark.sql.catalyst.expressions.codegen.ExprCode;
import org.apache.spark.sql.catalyst.expressions.codegen.FalseLiteral$;
import org.apache.spark.sql.catalyst.expressions.codegen.JavaCode;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

import java.io.Serializable;
import java.util.List;

/**
 * {@code confluent_avro(value, timestamp)}: a Kafka record's value and timestamp to {@link #outputType} in one pass
 * ({@link ConfluentRecordDecoder}). A Catalyst expression so that it runs inside Spark's generated code: the generated
 * projection holds one decoder per task and calls it with the value's bytes, with no per-record boxing into Rows and
 * no per-version branches.
 *
 * <p>Marked non-deterministic although it is not: Spark's optimizer pushes a filter below a deterministic projection by
 * substituting the projected expression into it, so a filter on the reason (the bench baseline's and replay's
 * {@code events()}) would run the whole decode once in the filter and again in the projection; it may also inline a
 * projection into the one above it. Non-deterministic expressions stay where they are written and are evaluated once
 * per row; Spark's documentation gives the same advice for expensive UDFs ({@code asNondeterministic}).
 */
public final class ConfluentAvroExpression extends Expression implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Expression value;
    private final Expression timestamp;
    private final DecodeSpec spec;
    private final StructType eventType;
    private final scala.collection.Seq<Expression> children;
    private transient ConfluentRecordDecoder decoder;

    /**
     * @param value     the Kafka value (binary)
     * @param timestamp the Kafka timestamp (timestamp)
     * @param eventType the decoded event's Spark type (what from_avro gives for the reader schema)
     */
    public ConfluentAvroExpression(Expression value, Expression timestamp, DecodeSpec spec, StructType eventType) {
        this.value = value;
        this.timestamp = timestamp;
        this.spec = spec;
        this.eventType = eventType;
        this.children = seq(List.of(value, timestamp));
    }

    /** The event (null unless decoded), the schema id (null unless framed), the dead-letter reason and detail. */
    public static StructType outputType(StructType eventType) {
        return new StructType(new StructField[] {
                new StructField("event", eventType, true, Metadata.empty()),
                new StructField(KafkaColumns.SCHEMA_ID, DataTypes.LongType, true, Metadata.empty()),
                new StructField(KafkaColumns.REASON, DataTypes.StringType, true, Metadata.empty()),
                new StructField(KafkaColumns.DETAIL, DataTypes.StringType, true, Metadata.empty())});
    }

    /** A decoder of its own for each caller (a task's generated projection, or the interpreted path below). */
    public ConfluentRecordDecoder newDecoder() {
        return new ConfluentRecordDecoder(spec, eventType, outputType(eventType));
    }

    @Override
    public scala.collection.Seq<Expression> children() {
        return children;
    }

    @Override
    public DataType dataType() {
        return outputType(eventType);
    }

    @Override
    public boolean nullable() {
        return false;
    }

    @Override
    public boolean deterministic() {
        return false;
    }

    @Override
    public String prettyName() {
        return "confluent_avro";
    }

    @Override
    public Object eval(InternalRow input) {
        if (decoder == null) {
            decoder = newDecoder();
        }
        byte[] bytes = (byte[]) value.eval(input);
        Object micros = timestamp.eval(input);
        return decoder.decode(bytes, micros == null ? 0L : (Long) micros, micros == null);
    }

    @Override
    public ExprCode doGenCode(CodegenContext ctx, ExprCode ev) {
        String self = ctx.addReferenceObj("confluentAvro", this, ConfluentAvroExpression.class.getName());
        String decoderTerm = ctx.addMutableState(ConfluentRecordDecoder.class.getName(), "confluentAvroDecoder",
                v -> v + " = " + self + ".newDecoder();", true, true);
        ExprCode bytes = value.genCode(ctx);
        ExprCode micros = timestamp.genCode(ctx);
        String call = "\n" + CodeGenerator.javaType(dataType()) + " " + ev.value() + " = " + decoderTerm + ".decode(" + bytes.value() + ", "
                + micros.value() + ", " + micros.isNull() + ");\n";
        // The children's code goes in as block inputs (not re-escaped); then the one call.
        CodeBlock code = new CodeBlock(seq(List.of("", "\n", call)), seq(List.<JavaCode>of(bytes.code(), micros.code())));
        return ev.copy(code, FalseLiteral$.MODULE$, ev.value());
    }

    @Override
    public Expression withNewChildrenInternal(scala.collection.IndexedSeq<Expression> children) {
        return new ConfluentAvroExpression(children.apply(0), children.apply(1), spec, eventType);
    }

    @Override
    public int productArity() {
        return 4;
    }

    @Override
    public Object productElement(int n) {
        return switch (n) {
            case 0 -> value;
            case 1 -> timestamp;
            case 2 -> spec;
            case 3 -> eventType;
            default -> throw new IndexOutOfBoundsException(n);
        };
    }

    @Override
    public boolean canEqual(Object that) {
        return that instanceof ConfluentAvroExpression;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfluentAvroExpression other && value.equals(other.value) && timestamp.equals(other.timestamp)
                && spec.equals(other.spec) && eventType.equals(other.eventType);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    private static <T> scala.collection.Seq<T> seq(List<T> list) {
        return JavaConverters.asScalaBuffer(list).toList();
    }
}
