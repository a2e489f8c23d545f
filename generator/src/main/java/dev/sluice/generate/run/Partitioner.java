package dev.sluice.generate.run;

import org.apache.kafka.common.utils.Utils;

/**
 * Kafka's default partitioning of keyed messages (murmur2 of the key bytes, made positive, modulo the partition count),
 * computed here so the run knows each message's partition before sending: it digests partitions in the order Kafka
 * stores them, and the producer does not have to compute it again. Messages without a key (a null key field) are
 * spread by the hash of their value, which keeps seeded runs deterministic.
 */
public final class Partitioner {

    private Partitioner() {
    }

    public static int partition(byte[] key, byte[] value, int partitions) {
        byte[] basis = key != null ? key : value;
        return Utils.toPositive(Utils.murmur2(basis)) % partitions;
    }
}
