package dev.sluice.spark;

import dev.sluice.compile.AggregationCompiler;
import dev.sluice.compile.CompiledAggregation;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.decode.RegistryWriterSchemas;
import dev.sluice.registry.SchemaRegistryClient;
import dev.sluice.registry.SubjectNames;
import dev.sluice.schema.EventSchemas;
import dev.sluice.sink.BatchSink;
import dev.sluice.sink.SinkTables;
import dev.sluice.sink.online.OnlineSinks;
import org.apache.avro.Schema;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Turns a domain's config into the job's queries, one per aggregation: compiled plan, reader schema (generated from
 * the config, the same function schema registration uses), writer schemas (the subject's registered versions), Kafka
 * source, sink tables, checkpoint and trigger.
 */
public final class JobPlanner {

    private final SluiceConfig config;
    private final Path home;
    private final SparkSession spark;
    private final SchemaRegistryClient registry;
    private final BatchSink sink;
    private final OnlineSinks online;
    private final AggregationCompiler compiler = new AggregationCompiler();

    /** Without online features (every aggregation writes ClickHouse only). */
    public JobPlanner(SluiceConfig config, Path home, SparkSession spark, SchemaRegistryClient registry, BatchSink sink) {
        this(config, home, spark, registry, sink, OnlineSinks.NONE);
    }

    public JobPlanner(SluiceConfig config, Path home, SparkSession spark, SchemaRegistryClient registry, BatchSink sink, OnlineSinks online) {
        this.config = config;
        this.home = home;
        this.spark = spark;
        this.registry = registry;
        this.sink = sink;
        this.online = online;
    }

    /** @param only aggregation names to run; empty for all of the domain's */
    public List<AggregationQuery> plan(DomainConfig domain, Collection<String> only) {
        List<AggregationQuery> queries = new ArrayList<>();
        for (AggregationConfig aggregation : selected(domain, only)) {
            CompiledAggregation compiled = compiler.compile(domain, aggregation);
            EventTypeConfig event = compiled.event();
            Schema reader = EventSchemas.schemaFor(domain, event);
            String subject = SubjectNames.valueSubject(config.platform().registry().subjectNameStrategy(), event.topic(), reader);
            QueryLayout layout = QueryLayout.of(config, home, compiled);
            queries.add(new AggregationQuery(layout.name(), compiled,
                    () -> KafkaSource.read(spark, config.platform().kafka(), event.topic(), aggregation, layout.maxOffsetsPerTrigger()),
                    reader, new RegistryWriterSchemas(registry, subject), sink, SinkTables.forAggregateTable(compiled.table()),
                    layout.checkpoint(), layout.trigger(), online.forAggregation(compiled)));
        }
        return queries;
    }

    public static List<AggregationConfig> selected(DomainConfig domain, Collection<String> only) {
        List<AggregationConfig> aggregations = new ArrayList<>();
        for (String name : only) {
            if (!domain.aggregations().containsKey(name)) {
                throw new IllegalArgumentException("domain '" + domain.name() + "' has no aggregation '" + name + "'; it has "
                        + domain.aggregations().keySet());
            }
        }
        domain.aggregations().values().stream().filter(a -> only.isEmpty() || only.contains(a.name())).forEach(aggregations::add);
        if (aggregations.isEmpty()) {
            throw new IllegalArgumentException("domain '" + domain.name() + "' has no aggregations to run; add some under aggregations:");
        }
        return aggregations;
    }
}
