package dev.sluice.bench;

import dev.sluice.clickhouse.ClickHouseConnection;
import dev.sluice.config.AggregationConfig;
import dev.sluice.replay.ReplayJob;
import dev.sluice.replay.ReplayRange;
import dev.sluice.topics.KafkaAdmins;
import org.apache.kafka.clients.admin.Admin;
import org.apache.spark.sql.SparkSession;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * Step 5: {@code bin/sluice replay} of every aggregation over everything retained, which right after the catch-up is
 * exactly the preloaded events: the real ReplayJob (each topic read and decoded once for all its aggregations, one
 * insert per aggregation, ledger versions), in the same SparkSession. Rate = preloaded events / wall time.
 */
final class ReplayRate {

    record Result(long events, Lap lap, long rowsWritten) {
        double seconds() {
            return lap.seconds();
        }

        double eventsPerSecond() {
            return events / Math.max(lap.seconds(), 1e-9);
        }
    }

    private ReplayRate() {
    }

    static Result run(SparkSession spark, BenchSandbox sandbox, BenchPipeline pipeline, long events) {
        List<AggregationConfig> aggregations = List.copyOf(sandbox.domain().aggregations().values());
        // The replay prints a progress table of its own; the benchmark prints one line for the whole step instead.
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (Admin admin = KafkaAdmins.create(sandbox.config().platform().kafka());
             ClickHouseConnection clickhouse = ClickHouseConnection.open(sandbox.clickhouse())) {
            ReplayJob job = new ReplayJob(spark, sandbox.config(), admin, pipeline.registry(), pipeline.sink(), clickhouse,
                    new ReplayJob.Options(ReplayRange.everything(), false, false), quiet);
            Lap.Start started = Lap.start();
            List<ReplayJob.Outcome> outcomes = job.run(sandbox.domain(), aggregations);
            Lap lap = started.stop();
            long read = outcomes.stream().collect(java.util.stream.Collectors.toMap(ReplayJob.Outcome::topic, ReplayJob.Outcome::recordsRead, (a, b) -> a))
                    .values().stream().mapToLong(Long::longValue).sum();
            if (read != events) {
                throw new IllegalStateException("replay read " + read + " records, expected the " + events
                        + " preloaded [bug: nothing else should have been produced to the benchmark topics yet]");
            }
            return new Result(events, lap, outcomes.stream().mapToLong(ReplayJob.Outcome::written).sum());
        }
    }
}
