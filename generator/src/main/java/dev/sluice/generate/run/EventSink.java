package dev.sluice.generate.run;

/** Where encoded messages go: Kafka, or nowhere (benchmarks, tests). Called from one thread. */
public interface EventSink extends AutoCloseable {

    /** Partitions of the topic; messages are spread over them by key exactly as Kafka's default partitioner does. */
    int partitions(String topic);

    void send(String topic, int partition, byte[] key, byte[] value);

    /**
     * Like {@link #send(String, int, byte[], byte[])}, and tells {@code onAcknowledged} (e.g. the generator's metrics)
     * when the sink has the message, or failed to. Sinks without acknowledgements call it at once.
     */
    default void send(String topic, int partition, byte[] key, byte[] value, org.apache.kafka.clients.producer.Callback onAcknowledged) {
        send(topic, partition, key, value);
        onAcknowledged.onCompletion(null, null);
    }

    /** Blocks until everything sent is acknowledged; throws if anything failed. */
    void flush();

    /** Acknowledged offsets per partition, or empty when the sink has no offsets. */
    default java.util.Map<String, java.util.Map<Integer, OffsetRange>> offsets() {
        return java.util.Map.of();
    }

    /** Messages acknowledged so far (for progress); sinks without acknowledgements return what was sent. */
    long acknowledged();

    @Override
    void close();

    /** First and last offset a run wrote to one partition. */
    record OffsetRange(long first, long last, long count) {
    }
}
