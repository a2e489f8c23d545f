package dev.sluice.sink;

import dev.sluice.compile.CompiledAggregation;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.decode.DeadLetterReason;
import dev.sluice.decode.EventTimeRange;
import dev.sluice.decode.KafkaColumns;
import dev.sluice.decode.WriterSchema;
import dev.sluice.decode.WriterSchemaSource;
import dev.sluice.decode.WriterSchemasChangedException;
import dev.sluice.registry.RegistryException;
import dev.sluice.sink.online.OnlineSink;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.base64;
import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

/**
 * The foreachBatch sink of one aggregation's query ({@link AggregationStream}'s union). Per micro-batch:
 * <ol>
 *   <li>if the ledger has it (a re-run after a crash between the ledger commit and Spark's commit log), run its plan
 *       without writing anything, so Spark's watermark advances as it did the first time;</li>
 *   <li>if it holds schema ids the plan does not know but the registry now does, stop before writing anything
 *       ({@link WriterSchemasChangedException}; the job restarts the query, which re-runs this batch);</li>
 *   <li>aggregate rows as one insert, each with {@code _version} from the ledger and {@code _query};</li>
 *   <li>dead letters and late events (wholly and partly late, {@link LateEventRule}) as one insert each;</li>
 *   <li>the newest window per entity into Redis, for aggregations with {@code online:} ({@link OnlineSink});</li>
 *   <li>commit the batch in the ledger.</li>
 * </ol>
 * The batch is persisted once so the stateful plan runs once however many tables it feeds, and the rows reach the
 * driver one partition at a time (toLocalIterator) as the insert body streams.
 */
public final class BatchWriter implements VoidFunction2<Dataset<Row>, Long> {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    private static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";

    private final CompiledAggregation aggregation;
    private final String query;
    private final SinkTables tables;
    private final BatchSink sink;
    private final BatchWatermarks watermarks;
    private final Set<Long> knownIds;
    private final WriterSchemaSource registry;
    private final OnlineSink online;

    public BatchWriter(CompiledAggregation aggregation, String query, SinkTables tables, BatchSink sink, BatchWatermarks watermarks,
                       List<WriterSchema> planWriters, WriterSchemaSource registry, OnlineSink online) {
        this.aggregation = aggregation;
        this.query = query;
        this.tables = tables;
        this.sink = sink;
        this.watermarks = watermarks;
        this.knownIds = planWriters.stream().map(w -> (long) w.id()).collect(Collectors.toSet());
        this.registry = registry;
        this.online = online;
    }

    @Override
    public void call(Dataset<Row> batch, Long batchId) {
        String runId = batch.sparkSession().sparkContext().getLocalProperty(QUERY_ID_PROPERTY);
        if (runId == null) {
            runId = query;
        }
        if (sink.isCommitted(query, runId, batchId)) {
            // Nothing is written again, but the plan still runs (into Spark's no-op sink): Spark advances the watermark
            // from the event times its operators saw in the batch. Skipping the execution left the next batch with the
            // previous watermark, so later events were judged late or not differently than in an uninterrupted run.
            batch.write().format("noop").mode(SaveMode.Overwrite).save();
            LOG.info("query={} batch={} already committed; re-run without writing", query, batchId);
            return;
        }
        Instant startedAt = Instant.now();
        long watermarkMs = watermarks.lateEventWatermarkMs(batchId);
        Column isAggregate = col(AggregationStream.KIND).equalTo(AggregationStream.KIND_AGGREGATE);
        Column isRecord = col(AggregationStream.KIND).equalTo(AggregationStream.KIND_RECORD);
        Column reason = col(field(KafkaColumns.REASON));
        Column isDeadLetter = isRecord.and(reason.isNotNull());
        Column isEvent = isRecord.and(reason.isNull());
        // The watermark changes every batch: as a PerBatchLiterals value, the stage computing the batch keeps its code
        // (and Spark its compiled class) from one batch to the next.
        Column isLate = isEvent.and(PerBatchLiterals.atOrBefore(col(field(AggregationStream.DROP_BOUND)), watermarkMs));
        // Counted in its open windows, recorded as late for the closed ones (LateEventRule).
        Column isPartlyLate = LateEventRule.allowsPartlyLate(aggregation)
                ? isEvent.and(not(isLate)).and(PerBatchLiterals.atOrBefore(
                        LateEventRule.partlyLateBound(aggregation, col(field(EventTypeConfig.EVENT_TIME))), watermarkMs))
                : lit(false);
        Column isRecordedLate = isLate.or(isPartlyLate);
        Column isUnknownId = isDeadLetter.and(reason.equalTo(DeadLetterReason.UNKNOWN_SCHEMA_ID.name()));
        // Only dead letters and late events are written out, so only their records are worth caching: a decoded
        // event's record (the whole event plus its Kafka coordinates) would otherwise be encoded into the cache once per
        // input row. An emptied record still counts as an event (its reason is null) and is never late (no drop bound).
        Dataset<Row> cached = batch.select(col(AggregationStream.KIND), col(AggregationStream.AGGREGATE),
                        when(isDeadLetter.or(isRecordedLate), col(AggregationStream.RECORD)).as(AggregationStream.RECORD))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            // One pass computes the batch (and fills the cache); the rest reads the cache.
            Row totals = cached.agg(count(when(isAggregate, lit(1))), count(when(isEvent, lit(1))), count(when(isLate, lit(1))),
                    count(when(isPartlyLate, lit(1))), count(when(isDeadLetter, lit(1))), count(when(isUnknownId, lit(1)))).first();
            BatchCounts counts = new BatchCounts(totals.getLong(0), totals.getLong(1), totals.getLong(2), totals.getLong(3),
                    totals.getLong(4), watermarkMs);
            if (totals.getLong(5) > 0) {
                checkForNewWriterSchemas(cached.filter(isUnknownId));
            }

            long version = sink.nextVersion(query);
            Map<String, Long> rowsByTable = new LinkedHashMap<>();
            if (counts.aggregateRows() > 0) {
                rowsByTable.put(tables.aggregates(), insertAggregates(cached.filter(isAggregate), version));
            }
            if (counts.deadLetters() > 0) {
                rowsByTable.put(tables.deadLetters(), insertDeadLetters(cached.filter(isDeadLetter)));
            }
            if (counts.lateEvents() + counts.partlyLateEvents() > 0) {
                rowsByTable.put(tables.lateEvents(), insertLateEvents(cached.filter(isRecordedLate), isPartlyLate, watermarkMs));
            }
            if (counts.aggregateRows() > 0) {
                // After ClickHouse holds the rows, before the commit: if Redis fails, the batch stays uncommitted and is re-run.
                online.write(cached.filter(isAggregate).select(AggregationStream.AGGREGATE + ".*"), version);
            }
            sink.commit(new BatchCommit(query, runId, batchId, rowsByTable, startedAt, Instant.now(), version, counts));
            LOG.info("query={} batch={} wrote aggregates={} events={} late={} partlyLate={} deadLetters={} lateWatermark={} version={} in {} ms",
                    query, batchId, counts.aggregateRows(), counts.events(), counts.lateEvents(), counts.partlyLateEvents(), counts.deadLetters(),
                    Instant.ofEpochMilli(watermarkMs), version, java.time.Duration.between(startedAt, Instant.now()).toMillis());
        } finally {
            cached.unpersist(false);
        }
    }

    private static String field(String name) {
        return AggregationStream.RECORD + "." + name;
    }

    private void checkForNewWriterSchemas(Dataset<Row> unknown) {
        Set<Long> ids = new TreeSet<>();
        for (Row row : unknown.select(col(field(KafkaColumns.SCHEMA_ID))).distinct().limit(1000).collectAsList()) {
            ids.add(row.getLong(0));
        }
        Set<Long> registered;
        try {
            registered = registry.writerSchemas().stream().map(w -> (long) w.id()).collect(Collectors.toSet());
        } catch (RegistryException e) {
            // Not knowing is not the same as "unknown": dead-lettering now would lose records of a version registered
            // during the outage. Nothing of this batch has been written; the query fails and the job restarts it.
            throw new RegistryException(e.kind(), e.httpStatus(), e.errorCode(), "query " + query + ": records use schema ids " + ids
                    + " the plan does not know, and the schema registry cannot say whether they are new versions of event type '"
                    + aggregation.event().name() + "': " + e.getMessage() + "; nothing of this batch was written"
                    + (e.retriable() ? "; the job retries once the registry answers (retriable)" : ""), e);
        }
        Set<Long> fresh = ids.stream().filter(id -> registered.contains(id) && !knownIds.contains(id))
                .collect(Collectors.toCollection(TreeSet::new));
        if (!fresh.isEmpty()) {
            throw new WriterSchemasChangedException(query, fresh);
        }
        // The log file's; the console has the dead letters by reason in the job's closing summary.
        LOG.info("query={}: schema ids {} are not registered versions of event type '{}'; their records go to {} [bad data]", query, ids,
                aggregation.event().name(), tables.deadLetters());
    }

    private long insertAggregates(Dataset<Row> rows, long version) {
        return AggregateInserts.insert(sink, tables.aggregates(), aggregation, query, version, rows.select(AggregationStream.AGGREGATE + ".*"));
    }

    private long insertDeadLetters(Dataset<Row> deadLetters) {
        Column reason = col(field(KafkaColumns.REASON));
        Column schemaId = col(field(KafkaColumns.SCHEMA_ID)).cast("string");
        Column value = col(field(KafkaColumns.VALUE));
        Column size = coalesce(length(value), lit(0)).cast("string");
        Column error = when(reason.equalTo(DeadLetterReason.TRUNCATED.name()),
                concat(lit("value has "), size, lit(" bytes, fewer than the 5-byte Confluent header (magic byte + schema id)")))
                .when(reason.equalTo(DeadLetterReason.BAD_MAGIC_BYTE.name()),
                        concat(lit("first byte is 0x"), hex(value.substr(1, 1)), lit(", not the Confluent magic byte 0x00")))
                .when(reason.equalTo(DeadLetterReason.UNKNOWN_SCHEMA_ID.name()),
                        concat(lit("schema id "), schemaId, lit(" is not a registered version of event type '" + aggregation.event().name() + "'")))
                .when(reason.equalTo(DeadLetterReason.UNDECODABLE.name()),
                        concat(lit("Avro payload does not decode with writer schema "), schemaId,
                                lit(" (truncated or corrupted), or does not resolve to the reader schema")))
                .when(reason.equalTo(DeadLetterReason.MISSING_EVENT_TIME.name()), lit("decoded record has no event_time"))
                // EVENT_TIME_OUT_OF_RANGE, NON_FINITE_NUMBER: the decoder described the offending values
                .otherwise(coalesce(col(field(KafkaColumns.DETAIL)), reason));
        // A producer sets the Kafka timestamp (CreateTime); ClickHouse DateTime columns cannot hold one before 1970 or
        // from 2100 on (18.16 stores such values as garbage without an error). Keep a storable bound in the column
        // and the real value in the error text.
        Column timestamp = col(field(KafkaColumns.TIMESTAMP));
        Column timestampMs = call_function("unix_millis", timestamp);
        Column storable = timestampMs.geq(lit(EventTimeRange.EARLIEST.toEpochMilli())).and(timestampMs.lt(lit(EventTimeRange.LATEST.toEpochMilli())));
        Column storedTimestamp = when(storable, timestamp)
                .when(timestampMs.lt(lit(EventTimeRange.EARLIEST.toEpochMilli())), lit(Timestamp.from(EventTimeRange.EARLIEST)))
                .otherwise(lit(Timestamp.from(EventTimeRange.LATEST.minusSeconds(1))));
        error = when(storable, error).otherwise(concat(error, lit("; Kafka timestamp "),
                coalesce(call_function("unix_millis", timestamp).cast("string"), lit("null")),
                lit(" ms is outside what ClickHouse stores and was kept as the nearest bound")));
        return sink.insert(tables.deadLetters(), SinkTables.DEAD_LETTER_COLUMNS, JsonRows.lines(deadLetters,
                col(field(KafkaColumns.TOPIC)).as("topic"),
                col(field(KafkaColumns.PARTITION)).cast("long").as("kafka_partition"),
                col(field(KafkaColumns.OFFSET)).as("kafka_offset"),
                storedTimestamp.as("kafka_timestamp"),
                coalesce(base64(col(field(KafkaColumns.KEY))), lit("")).as("key_base64"),
                coalesce(base64(value), lit("")).as("value_base64"),
                lower(reason).as("reason"),
                error.as("error"),
                lit(aggregation.domain().name()).as("domain"),
                lit(aggregation.event().name()).as("event_type"),
                lit(aggregation.name()).as("aggregation")));
    }

    private long insertLateEvents(Dataset<Row> late, Column isPartlyLate, long watermarkMs) {
        Column eventTime = col(field(EventTypeConfig.EVENT_TIME));
        Column firstMissed = LateEventRule.firstMissedWindowStart(aggregation, eventTime);
        Column lastMissed = LateEventRule.lastMissedWindowStart(aggregation, eventTime, watermarkMs);
        return sink.insert(tables.lateEvents(), SinkTables.LATE_EVENT_COLUMNS, JsonRows.lines(late,
                lit(aggregation.domain().name()).as("domain"),
                lit(aggregation.name()).as("aggregation"),
                col(field(EventTypeConfig.EVENT_ID)).as("event_id"),
                eventTime.as("event_time"),
                PerBatchLiterals.jsonTimestamp(watermarkMs).as("watermark"),
                PerBatchLiterals.millisSince(eventTime, watermarkMs).as("lateness_ms"),
                to_json(col(field(AggregationStream.EVENT)), JsonRows.OPTIONS).as("event_json"),
                when(isPartlyLate, lit(1L)).otherwise(lit(0L)).as("partly_late"),
                LateEventRule.missedWindows(aggregation, firstMissed, lastMissed).as("missed_windows"),
                firstMissed.as("first_missed_window_start"),
                lastMissed.as("last_missed_window_start")));
    }
}
