package dev.sluice.generate.run;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * SHA-256 of a topic's messages as Kafka stores them: per partition, over each message's key and value (each
 * length-prefixed, -1 for a null key) in offset order; the topic digest hashes the partition digests in partition
 * order. A run computes it while sending, a consumer recomputes it from the broker, and two runs with the same seed and
 * start time must agree byte for byte.
 */
public final class TopicDigest {

    private MessageDigest[] partitions;
    private long[] counts;
    private final byte[] length = new byte[4];

    public TopicDigest(int partitions) {
        this.partitions = new MessageDigest[partitions];
        this.counts = new long[partitions];
    }

    public void add(int partition, byte[] key, byte[] value) {
        if (partition >= partitions.length) {
            partitions = Arrays.copyOf(partitions, partition + 1);
            counts = Arrays.copyOf(counts, partition + 1);
        }
        MessageDigest digest = partitions[partition];
        if (digest == null) {
            digest = sha256();
            partitions[partition] = digest;
        }
        updateLength(digest, key == null ? -1 : key.length);
        if (key != null) {
            digest.update(key);
        }
        updateLength(digest, value.length);
        digest.update(value);
        counts[partition]++;
    }

    public int partitionCount() {
        return partitions.length;
    }

    public long count(int partition) {
        return partition < counts.length ? counts[partition] : 0;
    }

    /** Hex digest of one partition (of a copy: the digest can keep growing). */
    public String partitionHex(int partition) {
        if (partition >= partitions.length || partitions[partition] == null) {
            return HexFormat.of().formatHex(sha256().digest());
        }
        return HexFormat.of().formatHex(clone(partitions[partition]).digest());
    }

    public String topicHex() {
        MessageDigest topic = sha256();
        for (int p = 0; p < partitions.length; p++) {
            if (counts[p] == 0) {
                continue;
            }
            updateLength(topic, p);
            topic.update(Long.toString(counts[p]).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            topic.update(clone(partitions[p]).digest());
        }
        return HexFormat.of().formatHex(topic.digest());
    }

    private void updateLength(MessageDigest digest, int value) {
        length[0] = (byte) (value >>> 24);
        length[1] = (byte) (value >>> 16);
        length[2] = (byte) (value >>> 8);
        length[3] = (byte) value;
        digest.update(length);
    }

    private static MessageDigest clone(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("bug: the JDK's SHA-256 is cloneable", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("bug: every JDK has SHA-256", e);
        }
    }
}
