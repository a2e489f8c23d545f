package dev.sluice.replay;

import dev.sluice.clickhouse.ClickHouseQueries;
import dev.sluice.clickhouse.Sql;
import dev.sluice.compile.AggregationCompiler;
import dev.sluice.compile.CompiledAggregation;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.KafkaConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.config.WindowConfig;
import dev.sluice.decode.ConfluentAvroDecoder;
import dev.sluice.decode.RegistryWriterSchemas;
import dev.sluice.decode.WriterSchema;
import dev.sluice.registry.SchemaRegistryClient;
import dev.sluice.registry.SubjectNames;
import dev.sluice.schema.EventSchemas;
import dev.sluice.sink.AggregateInserts;
import dev.sluice.sink.BatchCommit;
import dev.sluice.sink.BatchCounts;
import dev.sluice.sink.BatchSink;
import dev.sluice.sink.online.OnlineSinks;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.collection.JavaConverters;
import scala.collection.Seq;

import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

/**
 * Recomputes aggregations over a bounded range of Kafka data as Spark batch jobs, with the streaming job's own code:
 * the same Confluent Avro decoder, the same compiled aggregation (its watermark is a no-op on a batch) and the same
 * insert into the same table. Each topic is read and decoded once for all of its aggregations (cached when it has several).
 *
 * <p>Results supersede what the streaming job wrote: rows carry a {@code _version} from the ledger, newer than every
 * earlier write, and each aggregation is ONE insert, so a reader of the {@code *_current} view sees each window either
 * as before or as replayed, never missing and never twice. Re-running a replay writes the same values again.
 * Events the streaming job recorded as late are left out (so a replay reproduces the streaming results) unless
 * {@code includeLate}.
 */
public final class ReplayJob {

    /** The watermark a late event was behind, joined onto the replayed events. */
    private static final String LATE_WATERMARK = "_late_watermark";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReplayJob.class);

    public record Options(ReplayRange range, boolean includeLate, boolean dryRun) {
    }

    /** What one aggregation's replay did (or, in a dry run, would do). */
    public record Outcome(String aggregation, String table, String topic, long recordsRead, long lateExcluded, long rows, String firstWindow,
                          String lastWindow, long currentRowsInRange, long written, double seconds) {
    }

    private final SparkSession spark;
    private final SluiceConfig config;
    private final Admin admin;
    private final SchemaRegistryClient registry;
    private final BatchSink sink;
    private final ClickHouseQueries clickhouse;
    private final Options options;
    private final PrintStream out;
    private final OnlineSinks online;
    private final AggregationCompiler compiler = new AggregationCompiler();
    private final String runId = "replay-" + UUID.randomUUID();

    public ReplayJob(SparkSession spark, SluiceConfig config, Admin admin, SchemaRegistryClient registry, BatchSink sink,
                     ClickHouseQueries clickhouse, Options options, PrintStream out) {
        this(spark, config, admin, registry, sink, clickhouse, options, out, OnlineSinks.NONE);
    }

    /**
     * @param online replayed windows go to the online features too (monotonic: a replay of an older range changes no
     *               feature, one of the newest range rewrites them with the replayed values and a higher version)
     */
    public ReplayJob(SparkSession spark, SluiceConfig config, Admin admin, SchemaRegistryClient registry, BatchSink sink,
                     ClickHouseQueries clickhouse, Options options, PrintStream out, OnlineSinks online) {
        this.online = online;
        this.spark = spark;
        this.config = config;
        this.admin = admin;
        this.registry = registry;
        this.sink = sink;
        this.clickhouse = clickhouse;
        this.options = options;
        this.out = out;
    }

    public List<Outcome> run(DomainConfig domain, List<AggregationConfig> aggregations) {
        Map<String, List<AggregationConfig>> byEvent = new LinkedHashMap<>();
        aggregations.forEach(a -> byEvent.computeIfAbsent(a.event(), e -> new ArrayList<>()).add(a));
        List<Outcome> outcomes = new ArrayList<>();
        for (Map.Entry<String, List<AggregationConfig>> entry : byEvent.entrySet()) {
            EventTypeConfig event = domain.event(entry.getKey());
            KafkaOffsetRange offsets = KafkaOffsetRange.resolve(admin, event.topic(), options.range().kafkaFrom(), options.range().kafkaTo());
            out.printf("reading %s: %,d records from %d partitions%n", event.topic(), offsets.records(), offsets.start().size());
            LOG.info("replay reads {} offsets {} to {}", event.topic(), offsets.start(), offsets.end());
            Dataset<Row> decoded = decodedEvents(domain, event, offsets);
            // Cached only when several aggregations read it: a cache that is read once is pure cost, and building the
            // in-memory columns (dictionary statistics per string column) was a quarter of replay's CPU in the bench profile.
            Dataset<Row> events = entry.getValue().size() > 1 ? decoded.persist(StorageLevel.MEMORY_AND_DISK()) : decoded;
            try {
                for (AggregationConfig aggregation : entry.getValue()) {
                    outcomes.add(replay(domain, aggregation, events, offsets.records()));
                }
            } finally {
                events.unpersist(false);
            }
        }
        return outcomes;
    }

    private Dataset<Row> decodedEvents(DomainConfig domain, EventTypeConfig event, KafkaOffsetRange offsets) {
        Schema reader = EventSchemas.schemaFor(domain, event);
        String subject = SubjectNames.valueSubject(config.platform().registry().subjectNameStrategy(), event.topic(), reader);
        List<WriterSchema> writers = new RegistryWriterSchemas(registry, subject).writerSchemas();
        ConfluentAvroDecoder decoder = new ConfluentAvroDecoder(event, reader, writers);
        return ConfluentAvroDecoder.events(decoder.decode(read(offsets)));
    }

    private Dataset<Row> read(KafkaOffsetRange offsets) {
        KafkaConfig kafka = config.platform().kafka();
        DataFrameReader reader = spark.read().format("kafka")
                .option("kafka.bootstrap.servers", kafka.bootstrapServers())
                .option("subscribe", offsets.topic())
                .option("startingOffsets", offsets.startingOffsetsJson())
                .option("endingOffsets", offsets.endingOffsetsJson())
                // Records that retention removed in the meantime must fail the replay, not silently shrink it.
                .option("failOnDataLoss", "true");
        kafka.clientProperties().forEach((key, value) -> reader.option("kafka." + key, value));
        return reader.load();
    }

    private Outcome replay(DomainConfig domain, AggregationConfig aggregation, Dataset<Row> events, long recordsRead) {
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        CompiledAggregation compiled = compiler.compile(domain, aggregation);
        String query = "replay:" + domain.name() + "." + aggregation.name();
        List<LateEventIds.LateRecord> late = options.includeLate() ? List.of()
                : new LateEventIds(clickhouse, config.platform().clickhouse().database()).of(domain.name(), aggregation.name());
        long lateExcluded = late.size();
        Dataset<Row> windows = aggregateLeavingOut(compiled, events, late).filter(windowRule()).persist(StorageLevel.MEMORY_AND_DISK());
        try (ReplayProgress progress = ReplayProgress.start(spark.sparkContext().statusTracker(), query, recordsRead)) {
            Row summary = windows.agg(org.apache.spark.sql.functions.count(lit(1)), min(AggregationCompiler.WINDOW_START),
                    max(AggregationCompiler.WINDOW_START)).first();
            long rows = summary.getLong(0);
            String first = summary.isNullAt(1) ? "-" : summary.getTimestamp(1).toInstant().toString();
            String last = summary.isNullAt(2) ? "-" : summary.getTimestamp(2).toInstant().toString();
            long current = currentRowsInRange(compiled.table());
            long written = 0;
            if (!options.dryRun() && rows > 0) {
                long version = sink.nextVersion(query);
                written = AggregateInserts.insert(sink, compiled.table(), compiled, query, version, windows);
                online.forAggregation(compiled).write(windows, version);
                sink.commit(new BatchCommit(query, runId, 0, Map.of(compiled.table(), written), startedAt, Instant.now(), version,
                        new BatchCounts(rows, recordsRead, 0, 0, 0, -1)));
            }
            return new Outcome(aggregation.name(), compiled.table(), compiled.event().topic(), recordsRead, lateExcluded, rows, first, last, current, written,
                    (System.nanoTime() - started) / 1e9);
        } finally {
            windows.unpersist(false);
        }
    }

    /**
     * The aggregation without the streaming job's late events, each left out of exactly the windows Spark left it out
     * of: those that had ended by the watermark it was behind (all of a wholly late event's, the earlier ones of a
     * partly late sliding-window event). De-duplicated and session aggregations only have wholly late events, which
     * leave the input altogether, before de-duplication sees them, as in the streaming job.
     */
    private Dataset<Row> aggregateLeavingOut(CompiledAggregation compiled, Dataset<Row> events, List<LateEventIds.LateRecord> late) {
        if (late.isEmpty()) {
            return compiled.apply(events);
        }
        Dataset<Row> lateRows = spark.createDataFrame(late.stream().map(r -> RowFactory.create(r.eventId(), r.watermark())).toList(),
                new StructType().add(EventTypeConfig.EVENT_ID, DataTypes.StringType, false).add(LATE_WATERMARK, DataTypes.TimestampType, false));
        Seq<String> byEventId = JavaConverters.asScalaBuffer(List.of(EventTypeConfig.EVENT_ID)).toSeq();
        if (compiled.deduplicate() || compiled.window().type() == WindowConfig.WindowType.SESSION) {
            return compiled.apply(events.join(broadcast(lateRows.select(EventTypeConfig.EVENT_ID)), byEventId, "left_anti"));
        }
        return compiled.aggregateLeavingOut(compiled.select(events.join(broadcast(lateRows), byEventId, "left_outer")), LATE_WATERMARK);
    }

    /** Only whole windows inside the range; see {@link ReplayRange}. */
    private Column windowRule() {
        Column rule = lit(true);
        if (options.range().from().isPresent()) {
            rule = rule.and(col(AggregationCompiler.WINDOW_START).geq(lit(Timestamp.from(options.range().from().get()))));
        }
        if (options.range().to().isPresent()) {
            rule = rule.and(col(AggregationCompiler.WINDOW_END).leq(lit(Timestamp.from(options.range().to().get()))));
        }
        return rule;
    }

    private long currentRowsInRange(String table) {
        StringBuilder sql = new StringBuilder("SELECT count() FROM ")
                .append(Sql.qualified(config.platform().clickhouse().database(), table + "_current")).append(" WHERE 1");
        options.range().from().ifPresent(f -> sql.append(" AND window_start >= toDateTime(").append(f.getEpochSecond()).append(")"));
        options.range().to().ifPresent(t -> sql.append(" AND window_end <= toDateTime(").append(t.getEpochSecond()).append(")"));
        return Long.parseLong(clickhouse.select(sql.toString()).get(0).get(0));
    }
}
