package dev.sluice.config;

/** The Confluent subject naming strategies. */
public enum SubjectNameStrategy {
    TOPIC, RECORD, TOPIC_RECORD
}
