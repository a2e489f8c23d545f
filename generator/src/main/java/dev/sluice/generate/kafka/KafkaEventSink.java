package dev.sluice.generate.kafka;

import dev.sluice.config.KafkaConfig;
import dev.sluice.generate.run.EventSink;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends messages with an idempotent producer (acks=all, so nothing is lost or duplicated by retries and per-partition
 * order is the send order), compressed and batched for throughput. The first failed send stops the run: the producer
 * has already retried for delivery.timeout.ms, so what is left is an outage or a config problem.
 */
public final class KafkaEventSink implements EventSink {

    /**
     * Producer settings: the platform's bootstrap servers and client properties (TLS, SASL), then the generator's
     * defaults, then {@code overrides} ({@code --producer-property}) which win over both.
     */
    public static Properties producerProperties(KafkaConfig kafka, String clientId, String compression, Map<String, String> overrides) {
        Properties props = new Properties();
        props.putAll(kafka.clientProperties());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        // Big batches and a short linger: at 100k+ messages/s batches fill long before linger.ms expires.
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(256L * 1024 * 1024));
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 * 1024 * 1024));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.putAll(overrides);
        return props;
    }

    private final Producer<byte[], byte[]> producer;
    private final String bootstrap;
    private final Map<String, Integer> partitions = new HashMap<>();
    private final Map<String, Map<Integer, long[]>> offsets = new HashMap<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Callback callback = this::onCompletion;

    public KafkaEventSink(Properties producerProperties) {
        this(new KafkaProducer<>(producerProperties), producerProperties.getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    KafkaEventSink(Producer<byte[], byte[]> producer, String bootstrap) {
        this.producer = producer;
        this.bootstrap = bootstrap;
    }

    @Override
    public int partitions(String topic) {
        return partitions.computeIfAbsent(topic, t -> {
            List<PartitionInfo> info = producer.partitionsFor(t);
            if (info == null || info.isEmpty()) {
                throw new IllegalStateException("bad config: topic " + t + " has no partitions on " + bootstrap
                        + "; create it with 'bin/sluice topics apply'");
            }
            return info.size();
        });
    }

    @Override
    public void send(String topic, int partition, byte[] key, byte[] value) {
        Exception failed = failure.get();
        if (failed != null) {
            throw failure(failed);
        }
        producer.send(new ProducerRecord<>(topic, partition, key, value), callback);
    }

    @Override
    public void send(String topic, int partition, byte[] key, byte[] value, Callback onAcknowledged) {
        Exception failed = failure.get();
        if (failed != null) {
            throw failure(failed);
        }
        producer.send(new ProducerRecord<>(topic, partition, key, value), (metadata, exception) -> {
            onCompletion(metadata, exception);
            onAcknowledged.onCompletion(metadata, exception);
        });
    }

    private void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            failure.compareAndSet(null, exception);
            return;
        }
        acknowledged.incrementAndGet();
        // Callbacks run on the producer's single I/O thread, in order per partition.
        synchronized (offsets) {
            long[] range = offsets.computeIfAbsent(metadata.topic(), t -> new TreeMap<>())
                    .computeIfAbsent(metadata.partition(), p -> new long[]{metadata.offset(), metadata.offset(), 0});
            range[0] = Math.min(range[0], metadata.offset());
            range[1] = Math.max(range[1], metadata.offset());
            range[2]++;
        }
    }

    @Override
    public void flush() {
        producer.flush();
        Exception failed = failure.get();
        if (failed != null) {
            throw failure(failed);
        }
    }

    private RuntimeException failure(Exception e) {
        boolean retriable = e instanceof RetriableException;
        return new KafkaSendException(retriable, "Kafka at " + bootstrap + " did not accept the generated messages: " + e
                + (retriable ? " (retriable: the producer gave up after delivery.timeout.ms; rerun once the brokers are healthy)"
                : " (not retriable: check topic permissions, message size limits and the producer properties)"), e);
    }

    @Override
    public Map<String, Map<Integer, OffsetRange>> offsets() {
        Map<String, Map<Integer, OffsetRange>> copy = new LinkedHashMap<>();
        synchronized (offsets) {
            offsets.forEach((topic, byPartition) -> {
                Map<Integer, OffsetRange> ranges = new TreeMap<>();
                byPartition.forEach((p, r) -> ranges.put(p, new OffsetRange(r[0], r[1], r[2])));
                copy.put(topic, ranges);
            });
        }
        return copy;
    }

    @Override
    public long acknowledged() {
        return acknowledged.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }

    /** The brokers did not take the messages; {@link #retriable()} tells whether rerunning can help. */
    public static final class KafkaSendException extends RuntimeException {
        private final boolean retriable;

        KafkaSendException(boolean retriable, String message, Throwable cause) {
            super(message, cause);
            this.retriable = retriable;
        }

        public boolean retriable() {
            return retriable;
        }
    }
}
