package dev.sluice.cli.chaos;

/** The faults `bin/sluice chaos` injects, each undone (restarted) before the next one. */
enum Fault {
    /** SIGKILL of the Spark driver JVM, then the job is started again from its checkpoints. */
    KILL_DRIVER("SIGKILL the driver, restart the job"),
    /** ClickHouse stopped for a while (batches back off, queries restart), then started again. */
    CLICKHOUSE_OUTAGE("stop ClickHouse, start it again"),
    /** The Kafka broker stopped and started again (the job's consumers and the generator's producer reconnect). */
    KAFKA_RESTART("restart the Kafka broker"),
    /** The schema registry stopped for a while (cached writer schemas keep decoding), then started again. */
    REGISTRY_OUTAGE("stop the schema registry, start it again");

    final String description;

    Fault(String description) {
        this.description = description;
    }
}
