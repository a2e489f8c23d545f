package dev.sluice.endtoend;

import dev.sluice.checkpoint.CheckpointLayout;
import dev.sluice.clickhouse.AggregationColumns;
import dev.sluice.clickhouse.SluiceTables;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.MeasureConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.config.WindowConfig;
import dev.sluice.generate.MalformedKind;
import dev.sluice.generate.run.Manifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Compares everything one aggregation's query left behind (ClickHouse rows, late events, dead letters, ledger,
 * checkpoint) with what {@link ExpectedAggregation} computes from the generated events, and collects every
 * difference so that one failing run shows all of them.
 */
final class AggregationCheck {

    /** The reason the streaming job's decoder gives each kind of malformed record the generator makes. */
    static final Map<MalformedKind, String> DEAD_LETTER_REASON = Map.of(
            MalformedKind.BAD_MAGIC, "bad_magic_byte",
            // The header is intact, so the payload reaches from_avro, which cannot decode half a record.
            MalformedKind.TRUNCATED_AVRO, "undecodable",
            MalformedKind.UNKNOWN_SCHEMA_ID, "unknown_schema_id");

    private static final int MAX_LISTED = 8;

    private final SluiceConfig config;
    private final Path home;
    private final DomainConfig domain;
    private final AggregationConfig aggregation;
    private final EventTypeConfig event;
    private final ClickHouseState clickHouse;
    private final Manifest manifest;
    private final List<ProducedEvents.Positioned> messages;
    private final List<String> failures = new ArrayList<>();
    private String summary = "";

    AggregationCheck(SluiceConfig config, Path home, DomainConfig domain, AggregationConfig aggregation, ClickHouseState clickHouse,
                     Manifest manifest, List<ProducedEvents.Positioned> allMessages) {
        this.config = config;
        this.home = home;
        this.domain = domain;
        this.aggregation = aggregation;
        this.event = domain.event(aggregation.event());
        this.clickHouse = clickHouse;
        this.manifest = manifest;
        this.messages = allMessages.stream().filter(m -> m.topic().equals(event.topic())).toList();
    }

    String query() {
        return domain.name() + "." + aggregation.name();
    }

    Path checkpoint() {
        return Path.of(CheckpointLayout.queryLocation(config.platform().checkpoints(), home, config.environment(), domain.name(), aggregation.name()));
    }

    /** @return every difference found, empty when the aggregation is exact */
    List<String> run() {
        ExpectedAggregation oracle = new ExpectedAggregation(domain, aggregation);
        BatchLog log = BatchLog.read(checkpoint(), event.topic());
        List<InputEvent> events = messages.stream().filter(m -> m.event().valid()).map(ProducedEvents.Positioned::input).toList();
        ExpectedAggregation.Result expected = oracle.compute(events, log);

        checkWatermarks(expected, log);
        checkLedger(log);
        Map<String, ClickHouseState.LateRow> late = checkLateEvents(expected);
        List<ClickHouseState.DeadLetter> deadLetters = checkDeadLetters();
        long counted = checkAggregates(expected);
        long whollyLate = late.values().stream().filter(r -> !r.partly()).count();
        long partlyLate = late.size() - whollyLate;
        long missedByPartlyLate = late.values().stream().filter(ClickHouseState.LateRow::partly).mapToLong(ClickHouseState.LateRow::missedWindows).sum();
        checkReconciliation(whollyLate, missedByPartlyLate, deadLetters.size(), counted);
        checkWindowAccounting(oracle, events, log);
        summary = String.format("%s: %d batches, %d events (%d filtered out), %d aggregated (%d partly late), %d late, %d dead letters, %d rows,"
                        + " final watermark %s", oracle.describe(), log.batches().size(), events.size(), expected.filteredOut(), expected.aggregated(),
                partlyLate, whollyLate, deadLetters.size(), expected.rows().size(), java.time.Instant.ofEpochMilli(log.last().watermarkMs()));
        return failures;
    }

    String summary() {
        return summary;
    }

    /** Spark's watermark per batch must follow the documented rule, and the last one must cover every event. */
    private void checkWatermarks(ExpectedAggregation.Result expected, BatchLog log) {
        List<Long> actual = log.batches().stream().map(BatchLog.Batch::watermarkMs).toList();
        if (!actual.equals(expected.watermarks())) {
            fail("watermarks per batch in the offset log " + actual + " differ from max(event time of the batches before) - "
                    + aggregation.watermark() + ": " + expected.watermarks());
        }
        long wanted = expected.maxEventTimeMs() - aggregation.watermark().toMillis();
        if (log.last().watermarkMs() != wanted) {
            fail("the last batch ran with watermark " + log.last().watermarkMs() + ", not " + wanted
                    + " (newest event time - delay): the job stopped before the watermark caught up with the data, so windows"
                    + " that watermark closes are missing in append mode");
        }
    }

    /** Every batch of the checkpoint is committed in the ledger exactly once, all under the checkpoint's one run id. */
    private void checkLedger(BatchLog log) {
        ClickHouseState.Ledger ledger = clickHouse.ledger(query());
        List<Long> planned = LongStream.range(0, log.batches().size()).boxed().toList();
        if (!ledger.batchIds().equals(planned)) {
            fail("ledger batch ids " + ledger.batchIds() + " differ from the checkpoint's batches " + planned);
        }
        if (ledger.runIds().size() != 1) {
            fail("ledger holds run ids " + ledger.runIds() + " for one checkpoint (a restart must keep Spark's query id)");
        }
        long lastCommitted = new QueryCheckpoint(checkpoint()).lastCommitted();
        if (lastCommitted != log.last().id()) {
            fail("checkpoint's last commit is batch " + lastCommitted + " but its offset log goes to " + log.last().id());
        }
    }

    private Map<String, ClickHouseState.LateRow> checkLateEvents(ExpectedAggregation.Result expected) {
        Map<String, ClickHouseState.LateRow> actual = clickHouse.lateEvents(domain.name(), aggregation.name());
        Set<String> missing = new TreeSet<>(expected.late().keySet());
        missing.removeAll(actual.keySet());
        Set<String> unexpected = new TreeSet<>(actual.keySet());
        unexpected.removeAll(expected.late().keySet());
        if (!missing.isEmpty()) {
            fail(missing.size() + " events behind the watermark are not in sluice_late_events (they were dropped untraced or counted): "
                    + missing.stream().limit(MAX_LISTED).map(id -> expected.late().get(id).toString()).toList());
        }
        if (!unexpected.isEmpty()) {
            fail(unexpected.size() + " events in sluice_late_events were not behind the watermark of their batch: "
                    + unexpected.stream().limit(MAX_LISTED).map(actual::get).toList());
        }
        for (ExpectedAggregation.LateEvent late : expected.late().values()) {
            ClickHouseState.LateRow row = actual.get(late.eventId());
            if (row == null) {
                continue;
            }
            long lateness = late.watermarkMs() - late.eventTimeMs();
            if (row.latenessMs() != lateness || row.watermarkSeconds() != Math.floorDiv(late.watermarkMs(), 1000)) {
                fail("late event " + late + " recorded with lateness " + row.latenessMs() + " ms and watermark " + row.watermarkSeconds()
                        + " s; expected " + lateness + " ms behind watermark " + late.watermarkMs() + " ms");
            }
            if (row.partly() != late.partly() || row.missedWindows() != late.missedWindows()
                    || row.firstMissedStartSeconds() != Math.floorDiv(late.firstMissedStartMs(), 1000)
                    || row.lastMissedStartSeconds() != Math.floorDiv(late.lastMissedStartMs(), 1000)) {
                fail("late event " + late + " recorded as " + row + ": the windows it missed differ");
            }
        }
        long reported = clickHouse.ledger(query()).rows(SluiceTables.LATE_EVENTS);
        if (reported != actual.size()) {
            fail("the ledger's committed batches report " + reported + " late events, the table holds " + actual.size());
        }
        return actual;
    }

    /** The dead letters are exactly the malformed records of the topic, at their Kafka positions, with their reasons. */
    private List<ClickHouseState.DeadLetter> checkDeadLetters() {
        List<ClickHouseState.DeadLetter> actual = clickHouse.deadLetters(domain.name(), aggregation.name());
        List<ClickHouseState.DeadLetter> expected = messages.stream().filter(m -> !m.event().valid())
                .map(m -> new ClickHouseState.DeadLetter(m.topic(), m.partition(), m.offset(), DEAD_LETTER_REASON.get(m.event().malformed())))
                .sorted((a, b) -> a.partition() != b.partition() ? Long.compare(a.partition(), b.partition()) : Long.compare(a.offset(), b.offset()))
                .toList();
        if (!actual.equals(expected)) {
            fail("dead letters " + actual.stream().limit(MAX_LISTED).toList() + (actual.size() > MAX_LISTED ? "..." : "")
                    + " (" + actual.size() + ") differ from the malformed records sent " + expected.stream().limit(MAX_LISTED).toList()
                    + " (" + expected.size() + ")");
        }
        Manifest.Topic topic = manifest.topics().get(event.topic());
        Map<String, Long> byReason = new TreeMap<>(actual.stream().collect(Collectors.groupingBy(ClickHouseState.DeadLetter::reason, Collectors.counting())));
        Map<String, Long> fromManifest = new TreeMap<>();
        (topic.malformedByKind() == null ? Map.<String, Long>of() : topic.malformedByKind())
                .forEach((kind, n) -> fromManifest.merge(DEAD_LETTER_REASON.get(MalformedKind.valueOf(kind)), n, Long::sum));
        fromManifest.values().removeIf(n -> n == 0);
        if (!byReason.equals(fromManifest)) {
            fail("dead letters by reason " + byReason + " differ from the manifest's malformed records " + topic.malformedByKind() + " -> " + fromManifest);
        }
        if (actual.size() != topic.malformed()) {
            fail(actual.size() + " dead letters, the manifest says " + topic.malformed() + " malformed records were sent");
        }
        return actual;
    }

    /** @return the sum of the unconditional count over the view's rows, or -1 without such a measure */
    private long checkAggregates(ExpectedAggregation.Result expected) {
        String table = AggregationColumns.tableName(domain, aggregation);
        List<String> dimensions = aggregation.groupBy() == null ? List.of() : aggregation.groupBy();
        List<String> measures = List.copyOf(aggregation.measures().keySet());
        List<List<String>> duplicates = clickHouse.duplicateKeys(table, dimensions);
        if (!duplicates.isEmpty()) {
            fail(table + "_current returns some windows and groups more than once: " + duplicates);
        }
        Map<ExpectedAggregation.RowKey, List<String>> actual = clickHouse.aggregateRows(table, dimensions, measures);
        Set<ExpectedAggregation.RowKey> missing = new java.util.LinkedHashSet<>(expected.rows().keySet());
        missing.removeAll(actual.keySet());
        Set<ExpectedAggregation.RowKey> unexpected = new java.util.LinkedHashSet<>(actual.keySet());
        unexpected.removeAll(expected.rows().keySet());
        if (!missing.isEmpty()) {
            fail(missing.size() + " of " + expected.rows().size() + " expected rows are missing from " + table + "_current: "
                    + missing.stream().limit(MAX_LISTED).toList());
        }
        if (!unexpected.isEmpty()) {
            fail(unexpected.size() + " rows of " + table + "_current are not expected: " + unexpected.stream().limit(MAX_LISTED)
                    .map(k -> k + "=" + actual.get(k)).toList());
        }
        List<String> wrong = new ArrayList<>();
        int wrongRows = 0;
        for (Map.Entry<ExpectedAggregation.RowKey, Map<String, ExpectedValue>> row : expected.rows().entrySet()) {
            List<String> values = actual.get(row.getKey());
            if (values == null) {
                continue;
            }
            boolean rowWrong = false;
            for (int i = 0; i < measures.size(); i++) {
                String mismatch = row.getValue().get(measures.get(i)).mismatch(values.get(i));
                if (mismatch != null) {
                    rowWrong = true;
                    if (wrong.size() < MAX_LISTED * 2) {
                        wrong.add(row.getKey() + " " + measures.get(i) + ": " + mismatch);
                    }
                }
            }
            wrongRows += rowWrong ? 1 : 0;
        }
        if (wrongRows > 0) {
            fail(wrongRows + " rows of " + table + "_current hold wrong measures: " + wrong);
        }

        Optional<String> count = unconditionalCount();
        if (count.isEmpty()) {
            return -1;
        }
        int index = measures.indexOf(count.get());
        long actualSum = actual.values().stream().mapToLong(v -> Long.parseLong(v.get(index))).sum();
        long expectedSum = expected.rows().values().stream()
                .mapToLong(v -> (Long) ((ExpectedValue.Exact) v.get(count.get())).value()).sum();
        if (actualSum != expectedSum) {
            fail("sum(" + count.get() + ") over " + table + "_current is " + actualSum + ", expected " + expectedSum + " (double counting or loss)");
        }
        return actualSum;
    }

    /**
     * Every record of the topic is accounted for: produced = aggregated + late + dead letters, for aggregations that
     * count every event (an unconditional count, no filter, update mode so open windows are written too). A sliding
     * window counts each event in size/slide windows.
     */
    private void checkReconciliation(long late, long missedByPartlyLate, long deadLetters, long countSum) {
        boolean applies = countSum >= 0 && (aggregation.filter() == null || aggregation.filter().isEmpty())
                && aggregation.outputMode() == AggregationConfig.OutputMode.UPDATE;
        if (!applies) {
            return;
        }
        // A partly late event is in all its windows but the missed ones: adding those back gives windowsPerEvent each.
        long windowCounts = countSum + missedByPartlyLate;
        long windowsPerEvent = windowsPerEvent();
        if (windowCounts % windowsPerEvent != 0) {
            fail("sum of counts " + countSum + " + " + missedByPartlyLate + " windows missed by partly late events is not a multiple of the "
                    + windowsPerEvent + " windows each event falls in");
        }
        long aggregated = windowCounts / windowsPerEvent;
        Manifest.Topic topic = manifest.topics().get(event.topic());
        long produced = topic.valid() + topic.malformed();
        if (produced != aggregated + late + deadLetters) {
            fail("produced " + produced + " != aggregated " + aggregated + " + late " + late + " + dead letters " + deadLetters);
        }
    }

    /**
     * Per window, as a SQL user would check it (README "Late events"): the events whose time falls in the window = the
     * window's count over all groups + the late records naming the window. Windows the table must hold completely:
     * closed by the final watermark (append mode writes no others), for aggregations that count every event.
     */
    private void checkWindowAccounting(ExpectedAggregation oracle, List<InputEvent> events, BatchLog log) {
        Optional<String> count = unconditionalCount();
        if (count.isEmpty() || (aggregation.filter() != null && !aggregation.filter().isEmpty())) {
            return;
        }
        long sizeMs = aggregation.window().size().toMillis();
        long slideSeconds = aggregation.window().type() == WindowConfig.WindowType.SLIDING ? aggregation.window().slide().toSeconds() : sizeMs / 1000;
        Map<Long, Long> inWindow = new TreeMap<>();
        for (InputEvent e : events) {
            for (long start : oracle.windowStarts(e.eventTimeMs())) {
                if (start + sizeMs <= log.last().watermarkMs()) {
                    inWindow.merge(start / 1000, 1L, Long::sum);
                }
            }
        }
        Map<Long, Long> counted = clickHouse.countPerWindow(AggregationColumns.tableName(domain, aggregation), count.get());
        Map<Long, Long> late = clickHouse.lateRecordsPerWindow(domain.name(), aggregation.name(), slideSeconds);
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<Long, Long> window : inWindow.entrySet()) {
            long accounted = counted.getOrDefault(window.getKey(), 0L) + late.getOrDefault(window.getKey(), 0L);
            if (accounted != window.getValue() && wrong.size() < MAX_LISTED) {
                wrong.add(java.time.Instant.ofEpochSecond(window.getKey()) + ": " + window.getValue() + " events, count "
                        + counted.getOrDefault(window.getKey(), 0L) + " + late records " + late.getOrDefault(window.getKey(), 0L));
            }
        }
        if (!wrong.isEmpty()) {
            fail("per window, events != count + late records naming it: " + wrong);
        }
    }

    private long windowsPerEvent() {
        WindowConfig window = aggregation.window();
        return window.type() == WindowConfig.WindowType.SLIDING ? window.size().toMillis() / window.slide().toMillis() : 1;
    }

    private Optional<String> unconditionalCount() {
        return aggregation.measures().entrySet().stream()
                .filter(e -> e.getValue().type() == MeasureConfig.MeasureType.COUNT && (e.getValue().where() == null || e.getValue().where().isEmpty()))
                .map(Map.Entry::getKey).findFirst();
    }

    private void fail(String message) {
        failures.add(query() + ": " + message);
    }
}
