package dev.sluice.config;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of configuration mistake, and the exact message a user sees for it. */
class ConfigErrorsTest {

    static final String PAYMENTS = "config/domains/payments.yaml";
    static final String ECOMMERCE = "config/domains/ecommerce.yaml";

    @TempDir
    Path tempDir;
    ConfigFixture config;

    @BeforeEach
    void copyShippedConfig() {
        config = new ConfigFixture(tempDir);
    }

    /** file:line:column of {@code token} on the line that contains {@code line}. */
    private String at(String file, String line, String token) {
        return file + ":" + config.lineOf(file, line) + ":" + (config.columnOf(file, line) + line.indexOf(token));
    }

    private String at(String file, String text) {
        return file + ":" + config.lineOf(file, text) + ":" + config.columnOf(file, text);
    }

    @Test
    void invalidYamlNamesTheLine() {
        config.replace(PAYMENTS, "    key: card_id\n", "    key: card_id\n\tpartitions: 3\n");
        List<String> errors = config.errors("dev");
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith(PAYMENTS + ":" + config.lineOf(PAYMENTS, "\tpartitions") + ":"), errors.get(0));
        assertTrue(errors.get(0).contains("invalid YAML"), errors.get(0));
        assertTrue(errors.get(0).endsWith("Fix: check indentation and quoting at that line (tabs are not allowed; quote values containing ': ' or '#')"));
    }

    @Test
    void unknownKeySuggestsTheNearestValidKey() {
        config.replace(PAYMENTS, "    groupBy: [merchant_category, country]", "    groupby: [merchant_category, country]");
        assertEquals(List.of(at(PAYMENTS, "groupby") + ": aggregations.merchant_fraud_5m.groupby: unknown key 'groupby'. Fix: did you mean 'groupBy'? "
                        + "(valid keys: name, description, event, window, watermark, groupBy, filter, measures, outputMode, table, trigger, "
                        + "deduplicate, startingOffsets, maxOffsetsPerTrigger, online)"),
                config.errors("dev"));
    }

    @Test
    void badDurationListsTheAcceptedForms() {
        config.replace(PAYMENTS, "watermark: 2 minutes\n    groupBy: [merchant_category, country]", "watermark: 2 minuts\n    groupBy: [merchant_category, country]");
        assertEquals(List.of(at(PAYMENTS, "2 minuts") + ": aggregations.merchant_fraud_5m.watermark: invalid duration '2 minuts'. Fix: use "
                        + "a number and a unit, e.g. 500ms, 30s, 5m, 2h, 1d, '1 minute', '10 minutes', '2 hours', or ISO-8601 like PT5M"),
                config.errors("dev"));
    }

    @Test
    void durationWithoutUnitIsRejected() {
        config.replace(PAYMENTS, "watermark: 2 minutes\n    groupBy: [merchant_category, country]", "watermark: 120\n    groupBy: [merchant_category, country]");
        assertEquals(List.of(at(PAYMENTS, "120") + ": aggregations.merchant_fraud_5m.watermark: duration 120 has no unit. Fix: write e.g. 120s or 120m"),
                config.errors("dev"));
    }

    @Test
    void wrongTypeSaysWhatWasExpected() {
        config.replace(ECOMMERCE, "    topic: ecommerce.page_views\n    key: user_id\n    partitions: 12",
                "    topic: ecommerce.page_views\n    key: user_id\n    partitions: lots");
        // The dev overlay sets page_view partitions, so break the overlay-free staging? No: every overlay sets it; use a field without overlay.
        config.replace(ECOMMERCE, "    partitions: lots", "    partitions: 12\n    replicationFactor: three");
        assertEquals(List.of(at(ECOMMERCE, "three") + ": events.page_view.replicationFactor: expected a whole number, got 'three'"),
                config.errors("dev"));
    }

    @Test
    void unknownEnumValueSuggestsTheClosest() {
        config.replace(PAYMENTS, "window: { type: sliding,", "window: { type: slidding,");
        assertEquals(List.of(at(PAYMENTS, "slidding") + ": aggregations.card_velocity_10m.window.type: unknown value 'slidding'. "
                        + "Fix: did you mean 'sliding'? (accepted values: tumbling, sliding, session)"),
                config.errors("dev"));
    }

    @Test
    void aggregationOfUnknownEventListsTheEventTypes() {
        config.replace(PAYMENTS, "    event: device_event\n", "    event: device_events\n");
        assertEquals(List.of(at(PAYMENTS, "event: device_events", "device_events") + ": aggregations.device_risk_5m.event: unknown event type 'device_events'. "
                        + "Fix: did you mean 'device_event'? (event types: transaction, device_event, click)"),
                config.errors("dev"));
    }

    @Test
    void measureOfUnknownFieldListsTheFieldsThatExist() {
        config.replace(PAYMENTS, "amount_avg: { type: avg, field: amount }", "amount_avg: { type: avg, field: amout }");
        assertEquals(List.of(at(PAYMENTS, "amout") + ": aggregations.merchant_fraud_5m.measures.amount_avg.field: unknown field 'amout' of event type transaction. "
                        + "Fix: did you mean 'amount'? (fields: event_id, event_time, card_id, user_id, device_id, merchant_id, merchant_category, "
                        + "amount, currency, country, channel, status, is_fraud, auth_code)"),
                config.errors("dev"));
    }

    @Test
    void sumOfANonNumericFieldIsRejected() {
        config.replace(PAYMENTS, "amount_avg: { type: avg, field: amount }", "amount_avg: { type: avg, field: country }");
        assertEquals(List.of(at(PAYMENTS, "type: avg, field: country }", "country }") + ": aggregations.merchant_fraud_5m.measures.amount_avg.field: avg needs a numeric field, "
                        + "but 'country' is string. Fix: use count, distinct or approx_distinct for non-numeric fields"),
                config.errors("dev"));
    }

    @Test
    void groupByUnknownDimensionListsTheDimensions() {
        config.replace(PAYMENTS, "groupBy: [currency, channel]", "groupBy: [currency, chanel]");
        String error = config.errors("dev").get(0);
        assertTrue(error.startsWith(PAYMENTS + ":" + config.lineOf(PAYMENTS, "chanel]") + ":"), error);
        assertTrue(error.contains("aggregations.volume_by_currency_1m.groupBy[1]: unknown dimension 'chanel'. Fix: did you mean 'channel'?"), error);
    }

    @Test
    void dimensionOnAFieldTheEventLacksIsRejected() {
        config.replace(PAYMENTS, "groupBy: [device_action, os]", "groupBy: [device_action, merchant_category]");
        String error = config.errors("dev").get(0);
        assertTrue(error.endsWith("aggregations.device_risk_5m.groupBy[1]: dimension 'merchant_category' reads field 'merchant_category', which event type "
                + "device_event does not have. Fix: fields of device_event: [user_id, device_id, action, os, ip_country, risk_score]"), error);
    }

    @Test
    void conditionValueMustFitTheFieldType() {
        config.replace(PAYMENTS, "filter: [{ field: status, op: eq, value: approved }]", "filter: [{ field: status, op: eq, value: aproved }]");
        String error = config.errors("dev").get(0);
        assertTrue(error.endsWith("aggregations.volume_by_currency_1m.filter[0].value: 'aproved' is not a symbol of enum field 'status'. "
                + "Fix: did you mean 'approved'? (symbols: approved, declined, reversed)"), error);
    }

    @Test
    void ratioMustReferToMeasuresOfTheAggregation() {
        config.replace(PAYMENTS, "numerator: fraud_transactions", "numerator: frauds");
        String error = config.errors("dev").get(0);
        assertTrue(error.contains("aggregations.merchant_fraud_5m.measures.fraud_ratio.numerator: 'frauds' is not a non-ratio measure of this aggregation"), error);
    }

    @Test
    void slidingWindowSlideMustDivideTheSize() {
        config.replace(PAYMENTS, "size: 10 minutes, slide: 1 minute", "size: 10 minutes, slide: 3 minutes");
        assertEquals(List.of(at(PAYMENTS, "3 minutes") + ": aggregations.card_velocity_10m.window.slide: slide 3m does not divide size 10m. "
                + "Fix: pick a slide that divides the size"), config.errors("dev"));
    }

    @Test
    void missingRequiredKeyPointsAtTheEnclosingMapping() {
        config.replace(PAYMENTS, "    key: card_id\n", "");
        String error = config.errors("dev").get(0);
        assertTrue(error.contains("events.transaction: missing required key 'key'. Fix: add key: <Field whose value is the Kafka message key"), error);
    }

    @Test
    void duplicateKeysAreReported() {
        config.replace(PAYMENTS, "    topic: payments.transactions\n", "    topic: payments.transactions\n    topic: payments.tx\n");
        String error = config.errors("dev").get(0);
        assertTrue(error.startsWith(PAYMENTS + ":" + config.lineOf(PAYMENTS, "topic: payments.tx") + ":5: events.transaction.topic: duplicate key 'topic'"), error);
    }

    @Test
    void allErrorsAreReportedAtOnceAcrossFiles() {
        config.replace(PAYMENTS, "amount_avg: { type: avg, field: amount }", "amount_avg: { type: avg, field: amout }")
                .replace(ECOMMERCE, "window: { type: tumbling, size: 5 minutes }", "window: { type: tumbling, size: 5 minits }")
                .replace("config/platform.yaml", "  shufflePartitions: 4", "  shufflePartition: 4");
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> config.load("dev", Map.of()));
        assertEquals(3, e.errors().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("3 configuration errors:\n  "), e.getMessage());
    }

    @Test
    void unknownEnvironmentListsTheEnvironments() {
        assertEquals(List.of("environments/production.yaml: environment 'production' has no overlay file. "
                + "Fix: did you mean 'prod'? (environments: dev, prod, staging)"), config.errors("production"));
    }

    @Test
    void overlayOfUnknownDomainIsReported() {
        config.replace("environments/dev.yaml", "  ecommerce:\n", "  ecomerce:\n");
        List<String> errors = config.errors("dev");
        assertTrue(errors.get(0).endsWith("domains.ecomerce: overlay for unknown domain 'ecomerce'. Fix: did you mean 'ecommerce'? (domains: ecommerce, payments)"),
                errors.toString());
    }

    @Test
    void missingSecretSaysWhereItWasLookedFor() {
        List<String> errors = config.errors("prod");
        assertEquals(2, errors.size(), errors.toString());
        assertEquals("environments/prod.yaml:" + config.lineOf("environments/prod.yaml", "${secret:clickhouse_password}") + ":15: "
                + "platform.clickhouse.password: secret 'clickhouse_password' was not found (looked in: file "
                + tempDir.resolve("/run/secrets/sluice/clickhouse_password") + ", environment variable SLUICE_SECRET_CLICKHOUSE_PASSWORD). "
                + "Fix: provide it in one of those places, or reorder secrets.backends", errors.get(0));
        assertEquals("environments/prod.yaml:" + config.lineOf("environments/prod.yaml", "${secret:redis_password}") + ":15: "
                + "platform.redis.password: secret 'redis_password' was not found (looked in: file "
                + tempDir.resolve("/run/secrets/sluice/redis_password") + ", environment variable SLUICE_SECRET_REDIS_PASSWORD). "
                + "Fix: provide it in one of those places, or reorder secrets.backends", errors.get(1));
    }

    @Test
    void missingEnvironmentVariableWithoutDefault() {
        config.replace("config/platform.yaml", "database: sluice", "database: ${env:SLUICE_DB}");
        assertEquals(List.of(at("config/platform.yaml", "${env:SLUICE_DB}") + ": clickhouse.database: environment variable SLUICE_DB is not set. "
                + "Fix: set SLUICE_DB, or give a default: ${env:SLUICE_DB:-value}"), config.errors("dev"));
    }

    @Test
    void sessionWindowsMustAppend() {
        config.replace(ECOMMERCE, "    groupBy: [user]\n    outputMode: append", "    groupBy: [user]\n    outputMode: update");
        String error = config.errors("dev").get(0);
        assertTrue(error.contains("aggregations.engaged_sessions.outputMode: session windows need outputMode: append"), error);
    }

    @Test
    void fieldNamesThatSluiceAddsAreReserved() {
        config.replace(PAYMENTS, "- { name: is_fraud, type: boolean", "- { name: event_time, type: timestamp }\n      - { name: is_fraud, type: boolean");
        String error = config.errors("dev").get(0);
        assertTrue(error.endsWith("events.transaction.fields[10].name: 'event_time' is added to every event by Sluice. Fix: remove this field"), error);
    }

    @Test
    void unclosedFlowMappingNamesTheTokenAndWhereParsingStopped() {
        config.replace(PAYMENTS, "transactions: { type: count }\n      fraud_transactions", "transactions: { type: count\n      fraud_transactions");
        assertEquals(List.of(at(PAYMENTS, "      fraud_transactions: { type: count, where", ":") + ": invalid YAML: while parsing a flow mapping, "
                + "expected ',' or '}', but got ':'. Fix: check indentation and quoting at that line (tabs are not allowed; quote values "
                + "containing ': ' or '#')"), config.errors("dev"));
    }

    @Test
    void fieldOfUnknownEntityListsTheEntities() {
        config.replace(PAYMENTS, "- { name: card_id, type: string, entity: card,", "- { name: card_id, type: string, entity: cards,");
        assertEquals(List.of(at(PAYMENTS, "entity: cards,", "cards") + ": events.transaction.fields[0].entity: unknown entity 'cards'. "
                + "Fix: did you mean 'card'? (entities: user, card, device, merchant)"), config.errors("dev"));
    }

    @Test
    void generatorStepOfUnknownEventListsTheEventTypes() {
        config.replace(PAYMENTS, "- { event: click, probability: 0.9,", "- { event: clicks, probability: 0.9,");
        assertEquals(List.of(at(PAYMENTS, "event: clicks, probability: 0.9", "clicks") + ": generator.sessions.steps[1].event: unknown event type "
                + "'clicks'. Fix: did you mean 'click'? (event types: transaction, device_event, click)"), config.errors("dev"));
    }

    @Test
    void onlineNeedsAGroupByOfOneEntityDimension() {
        config.replace(PAYMENTS, "    groupBy: [merchant_category, country]\n", "    groupBy: [merchant_category, country]\n    online: { ttl: 30 minutes }\n");
        assertEquals(List.of(at(PAYMENTS, "online: { ttl: 30 minutes }") + ": aggregations.merchant_fraud_5m.online: online features are kept per "
                + "entity, but groupBy [merchant_category, country] is not one entity dimension. Fix: group by exactly one of [card, user], "
                + "or remove online"), config.errors("dev"));
    }

    @Test
    void onlineFlagOfUnknownMeasureSuggestsTheNearest() {
        config.replace(PAYMENTS, "is_high_velocity: { measure: transactions,", "is_high_velocity: { measure: transactons,");
        assertEquals(List.of(at(PAYMENTS, "measure: transactons,", "transactons") + ": aggregations.card_velocity_10m.online.flags.is_high_velocity"
                + ".measure: unknown measure 'transactons' of aggregation card_velocity_10m. Fix: did you mean 'transactions'? (measures: "
                + "transactions, tiny_transactions, amount_total, max_amount, countries, merchants)"), config.errors("dev"));
    }

    @Test
    void onlineFlagValuesAreNumbers() {
        config.replace(PAYMENTS, "op: ge, value: \"5\" }", "op: ge, value: five }");
        assertEquals(List.of(at(PAYMENTS, "value: five }", "five") + ": aggregations.card_velocity_10m.online.flags.is_high_velocity.value: "
                + "'five' is not a number. Fix: measures are numbers; quote it like value: \"5\""), config.errors("dev"));
    }

    @Test
    void onlineFlagOperatorNeedsItsValue() {
        config.replace(PAYMENTS, "{ measure: transactions, op: ge, value: \"5\" }", "{ measure: transactions, op: ge }");
        assertEquals(List.of(at(PAYMENTS, "{ measure: transactions, op: ge }", "{") + ": aggregations.card_velocity_10m.online.flags"
                + ".is_high_velocity: ge needs a value. Fix: add value: <number>"), config.errors("dev"));
    }

    @Test
    void onlineFlagNamedLikeAMeasureClashes() {
        config.replace(PAYMENTS, "        is_multi_country: { measure: countries,", "        countries: { measure: countries,");
        assertEquals(List.of(at(PAYMENTS, "        countries: { measure: countries,", "countries") + ": aggregations.card_velocity_10m.online"
                + ".flags.countries: flag name 'countries' is also a measure, and both would be one field of the hash. Fix: rename the flag, "
                + "e.g. is_countries"), config.errors("dev"));
    }

    @Test
    void onlineTtlMustBePositive() {
        config.replace(PAYMENTS, "      ttl: 30 minutes", "      ttl: 0s");
        assertEquals(List.of(at(PAYMENTS, "ttl: 0s", "0s") + ": aggregations.card_velocity_10m.online.ttl: must be longer than zero. "
                + "Fix: write e.g. ttl: 30 minutes"), config.errors("dev"));
    }

    @Test
    void onlineWithoutRedisSaysWhereToConfigureIt() {
        config.replace("config/platform.yaml", "redis:\n  url: ${env:SLUICE_REDIS:-redis://127.0.0.1:16379}\n", "redis_off:\n  url: x\n");
        List<String> errors = config.errors("dev");
        assertEquals(at("config/platform.yaml", "redis_off:") + ": redis_off: unknown key 'redis_off'. Fix: did you mean 'redis'? (valid keys: "
                + "kafka, registry, clickhouse, spark, checkpoints, secrets, metrics, redis)", errors.get(0));
        config.replace("config/platform.yaml", "redis_off:\n  url: x\n  # The local stack's Redis has no password; prod requires the secret (environments/prod.yaml).\n"
                + "  password: ${secret:redis_password:-}\n  tls: false\n  timeout: 2s\n  batchSize: 500\n  writeRetry:\n    maxAttempts: 6\n"
                + "    initialBackoff: 200ms\n    maxBackoff: 5s\n", "");
        String fix = ": online features need a Redis, but config/platform.yaml has no redis section. Fix: add redis: { url: redis://host:6379 } "
                + "to config/platform.yaml (or the environment's overlay), or remove online";
        // Both online aggregations are named, each at its online key (the line above its ttl).
        assertEquals(List.of(PAYMENTS + ":" + (config.lineOf(PAYMENTS, "ttl: 30 minutes") - 1) + ":5: aggregations.card_velocity_10m.online" + fix,
                        PAYMENTS + ":" + (config.lineOf(PAYMENTS, "ttl: 2 hours") - 1) + ":5: aggregations.click_sessions.online" + fix),
                config.errors("dev"));
    }

    @Test
    void redisUrlMustNotCarryThePassword() {
        config.replace("config/platform.yaml", "url: ${env:SLUICE_REDIS:-redis://127.0.0.1:16379}", "url: redis://sluice:hunter2@127.0.0.1:16379");
        List<String> errors = config.errors("dev");
        assertEquals(List.of(at("config/platform.yaml", "redis://sluice:hunter2@") + ": redis.url: the Redis URL carries credentials. Fix: move "
                + "them to redis.username and redis.password: ${secret:redis_password}"), errors);
        assertTrue(errors.stream().noneMatch(e -> e.contains("hunter2")), errors.toString());
    }
}
