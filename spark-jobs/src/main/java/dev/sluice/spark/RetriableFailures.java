package dev.sluice.spark;

import dev.sluice.clickhouse.SinkException;
import dev.sluice.registry.RegistryException;

/**
 * Whether a query's failure is a service outage worth restarting the query for, judged by the exceptions in its
 * cause chain: ClickHouse failures the sink classified as retriable, registry failures of kind RETRIABLE, and Kafka
 * client errors that Kafka itself marks retriable (its TimeoutException included). Bad config, bad data and bugs are
 * not: restarting would fail the same way.
 */
final class RetriableFailures {

    private RetriableFailures() {
    }

    static boolean retriable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SinkException sink) {
                return sink.retriable();
            }
            if (t instanceof RegistryException registry) {
                return registry.retriable();
            }
            if (t instanceof org.apache.kafka.common.errors.RetriableException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The most telling message of the chain: that of the Sluice or Kafka exception, else the outermost. */
    static String summary(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SinkException || t instanceof RegistryException || t instanceof org.apache.kafka.common.errors.RetriableException) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return String.valueOf(failure.getMessage());
    }
}
