package dev.sluice.registry;

import dev.sluice.config.SubjectNameStrategy;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SubjectNamesTest {

    private final Schema transaction = SchemaBuilder.record("Transaction").namespace("dev.sluice.events.payments").fields().endRecord();

    @Test
    void topicStrategy() {
        assertEquals("payments.transactions-value", SubjectNames.valueSubject(SubjectNameStrategy.TOPIC, "payments.transactions", transaction));
    }

    @Test
    void recordStrategy() {
        assertEquals("dev.sluice.events.payments.Transaction", SubjectNames.valueSubject(SubjectNameStrategy.RECORD, "payments.transactions", transaction));
    }

    @Test
    void topicRecordStrategy() {
        assertEquals("payments.transactions-dev.sluice.events.payments.Transaction",
                SubjectNames.valueSubject(SubjectNameStrategy.TOPIC_RECORD, "payments.transactions", transaction));
    }
}
