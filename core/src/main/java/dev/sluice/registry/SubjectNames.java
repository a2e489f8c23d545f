package dev.sluice.registry;

import dev.sluice.config.SubjectNameStrategy;
import org.apache.avro.Schema;

/** Subject names as Confluent's serializers compute them for message values. */
public final class SubjectNames {

    private SubjectNames() {
    }

    /**
     * topic: {@code <topic>-value}; record: the record's full name; topic_record: {@code <topic>-<full name>}.
     */
    public static String valueSubject(SubjectNameStrategy strategy, String topic, Schema recordSchema) {
        return valueSubject(strategy, topic, recordSchema.getFullName());
    }

    public static String valueSubject(SubjectNameStrategy strategy, String topic, String recordFullName) {
        return switch (strategy) {
            case TOPIC -> topic + "-value";
            case RECORD -> recordFullName;
            case TOPIC_RECORD -> topic + "-" + recordFullName;
        };
    }
}
