package dev.sluice.generate.run;

import java.util.Map;

/** Drops messages: measures generation and encoding alone ({@code --benchmark} phase a) and serves tests. */
public final class DiscardingSink implements EventSink {

    private final Map<String, Integer> partitions;
    private long sent;
    private long bytes;

    /** @param partitions partition count per topic (the config's, since there is no cluster to ask) */
    public DiscardingSink(Map<String, Integer> partitions) {
        this.partitions = partitions;
    }

    @Override
    public int partitions(String topic) {
        Integer count = partitions.get(topic);
        return count == null ? 1 : count;
    }

    @Override
    public void send(String topic, int partition, byte[] key, byte[] value) {
        sent++;
        bytes += value.length + (key == null ? 0 : key.length);
    }

    @Override
    public void flush() {
    }

    @Override
    public long acknowledged() {
        return sent;
    }

    public long bytes() {
        return bytes;
    }

    @Override
    public void close() {
    }
}
