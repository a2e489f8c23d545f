package dev.sluice.spark;

import dev.sluice.compile.CompiledAggregation;
import dev.sluice.compile.CompiledMeasure;
import dev.sluice.compile.EventColumns;
import dev.sluice.compile.OutputColumn;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.Durations;
import dev.sluice.config.SluiceConfig;
import dev.sluice.registry.SubjectNames;
import dev.sluice.schema.EventSchemas;
import dev.sluice.sink.SinkTables;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ExplainMode;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@code bin/sluice explain} prints for one aggregation: how the query reads, decodes, filters, windows, groups
 * and measures (as Spark expressions), where it writes and checkpoints, then Spark's own logical and physical plans.
 * The plans are built on an empty batch DataFrame of the decoded event's schema, so no service is needed; the
 * streaming query adds the Kafka scan and decode below and the stateful operators (state store restore/save) around
 * the aggregate.
 */
public final class QueryExplainer {

    private final SparkSession spark;
    private final SluiceConfig config;
    private final Path home;

    public QueryExplainer(SparkSession spark, SluiceConfig config, Path home) {
        this.spark = spark;
        this.config = config;
        this.home = home;
    }

    public String explain(CompiledAggregation aggregation) {
        AggregationConfig agg = aggregation.config();
        QueryLayout layout = QueryLayout.of(config, home, aggregation);
        String recordName = EventSchemas.schemaFor(aggregation.domain(), aggregation.event()).getFullName();
        String subject = SubjectNames.valueSubject(config.platform().registry().subjectNameStrategy(), aggregation.event().topic(), recordName);
        StringBuilder out = new StringBuilder();
        line(out, "aggregation", aggregation.domain().name() + "." + agg.name()
                + (agg.description() == null ? "" : " - " + agg.description()));
        line(out, "source", "Kafka topic " + aggregation.event().topic() + " (event type " + aggregation.event().name()
                + "), startingOffsets " + lower(agg.startingOffsets()) + " for a new checkpoint, maxOffsetsPerTrigger " + layout.maxOffsetsPerTrigger());
        line(out, "decode", "Confluent wire format; from_avro per writer schema id over every registered version of subject '" + subject
                + "', resolved to reader schema " + recordName + " (generated from the config); undecodable records -> "
                + SinkTables.DEAD_LETTERS);
        line(out, "watermark", "event_time - " + Durations.format(agg.watermark()) + "; events whose window already closed -> " + SinkTables.LATE_EVENTS);
        line(out, "dedupe", agg.deduplicate() ? "dropDuplicatesWithinWatermark(event_id)" : "off");
        line(out, "window", aggregation.window().description() + ": " + aggregation.window().column());
        line(out, "group by", aggregation.dimensions().isEmpty() ? "(window only)"
                : aggregation.dimensions().stream().map(Object::toString).collect(Collectors.joining(", ")));
        line(out, "filter", aggregation.filter().map(Object::toString).orElse("(none)"));
        out.append("measures:\n");
        for (CompiledMeasure measure : aggregation.measures()) {
            String expression = measure.aggregate().map(Object::toString).orElse(measure.output().toString());
            out.append(String.format(Locale.ROOT, "  %-22s %-17s %s%n", measure.name(), measure.type().simpleString()
                    + (measure.nullable() ? " null" : ""), expression));
        }
        line(out, "output mode", lower(agg.outputMode()));
        line(out, "trigger", "processing time, every " + Durations.format(layout.trigger()));
        line(out, "checkpoint", layout.checkpoint());
        line(out, "table", aggregation.table() + " (" + columns(aggregation.output()) + ", _version, _query)");
        // An empty RDD, not a local relation: the optimizer would fold an empty local relation into nothing.
        Dataset<Row> empty = spark.createDataFrame(new JavaSparkContext(spark.sparkContext()).<Row>emptyRDD(), EventColumns.schema(aggregation.event()));
        out.append("spark plan (batch, on decoded events):\n");
        out.append(aggregation.apply(empty).queryExecution().explainString(ExplainMode.fromString("extended")));
        out.append('\n');
        return out.toString();
    }

    private static String columns(List<OutputColumn> output) {
        return output.stream().map(OutputColumn::name).collect(Collectors.joining(", "));
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(String.format(Locale.ROOT, "%-12s %s%n", key + ":", value));
    }

    private static String lower(Enum<?> value) {
        return value == null ? "-" : value.name().toLowerCase(Locale.ROOT);
    }
}
