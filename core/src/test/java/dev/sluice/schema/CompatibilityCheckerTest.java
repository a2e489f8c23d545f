package dev.sluice.schema;

import dev.sluice.config.CompatibilityMode;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompatibilityCheckerTest {

    /** A version of payments/transaction with the given fields (JSON field list). */
    private static VersionedSchema v(int version, String fields) {
        Schema schema = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Transaction\",\"namespace\":\"dev.sluice.events.payments\",\"fields\":[" + fields + "]}");
        return new VersionedSchema("payments", "transaction", version, schema, Path.of("schemas/payments/transaction.v" + version + ".avsc"));
    }

    private static final String ID = "{\"name\":\"event_id\",\"type\":\"string\"}";
    private static final String AMOUNT_LONG = "{\"name\":\"amount\",\"type\":\"long\"}";
    private static final String STATUS_3 = "{\"name\":\"status\",\"type\":{\"type\":\"enum\",\"name\":\"TransactionStatus\",\"symbols\":[\"approved\",\"declined\",\"reversed\"]}}";
    private static final String STATUS_2 = "{\"name\":\"status\",\"type\":{\"type\":\"enum\",\"name\":\"TransactionStatus\",\"symbols\":[\"approved\",\"declined\"]}}";

    private static List<String> lines(List<CompatibilityBreak> breaks) {
        return breaks.stream().map(CompatibilityBreak::line).toList();
    }

    @Test
    void addingAnOptionalFieldIsFullyCompatible() {
        var versions = List.of(v(1, ID), v(2, ID + ",{\"name\":\"auth_code\",\"type\":[\"null\",\"string\"],\"default\":null}"));
        for (CompatibilityMode mode : CompatibilityMode.values()) {
            assertEquals(List.of(), CompatibilityChecker.check(versions, mode), mode.name());
        }
    }

    @Test
    void typeChangeNamesTheFieldBothTypesAndWhoCannotReadWhat() {
        var versions = List.of(v(1, ID + "," + AMOUNT_LONG), v(2, ID + ",{\"name\":\"amount\",\"type\":\"string\"}"));
        assertEquals(List.of("payments/transaction v2 vs v1 (BACKWARD): field 'amount': type changed from long to string"
                        + " (v2 readers cannot read the long written by v1)"),
                lines(CompatibilityChecker.check(versions, CompatibilityMode.BACKWARD)));
        assertEquals("type changed", CompatibilityChecker.check(versions, CompatibilityMode.BACKWARD).get(0).rule());
    }

    @Test
    void longToDoubleIsAPromotionBackwardButBreaksForward() {
        var versions = List.of(v(1, AMOUNT_LONG), v(2, "{\"name\":\"amount\",\"type\":\"double\"}"));
        assertEquals(List.of(), CompatibilityChecker.check(versions, CompatibilityMode.BACKWARD));
        assertEquals(List.of("payments/transaction v2 vs v1 (FORWARD): field 'amount': type changed from long to double"
                        + " (v1 readers cannot read the double written by v2)"),
                lines(CompatibilityChecker.check(versions, CompatibilityMode.FORWARD)));
    }

    @Test
    void removedFieldWithoutDefaultBreaksForwardOnly() {
        var versions = List.of(v(1, ID + "," + AMOUNT_LONG), v(2, ID));
        assertEquals(List.of(), CompatibilityChecker.check(versions, CompatibilityMode.BACKWARD));
        List<CompatibilityBreak> forward = CompatibilityChecker.check(versions, CompatibilityMode.FORWARD);
        assertEquals(List.of("payments/transaction v2 vs v1 (FORWARD): field 'amount': removed in v2 but v1 has no default for it,"
                + " so v1 readers cannot read records written by v2 - keep the field, or make it optional in an earlier version first"), lines(forward));
        assertEquals("field removed without default", forward.get(0).rule());
        assertEquals(1, CompatibilityChecker.check(versions, CompatibilityMode.FULL).size());
    }

    @Test
    void addedRequiredFieldBreaksBackward() {
        var versions = List.of(v(1, ID), v(2, ID + "," + AMOUNT_LONG));
        List<CompatibilityBreak> breaks = CompatibilityChecker.check(versions, CompatibilityMode.BACKWARD);
        assertEquals(1, breaks.size());
        assertEquals("field added without default", breaks.get(0).rule());
        assertEquals("field 'amount'", breaks.get(0).subject());
        assertTrue(breaks.get(0).detail().contains("optional: true"), breaks.get(0).detail());
        assertEquals(List.of(), CompatibilityChecker.check(versions, CompatibilityMode.FORWARD));
    }

    @Test
    void renamedFieldIsReportedAsARenameInBothDirections() {
        var versions = List.of(v(1, ID + "," + AMOUNT_LONG), v(2, ID + ",{\"name\":\"amount_cents\",\"type\":\"long\"}"));
        assertEquals(List.of("payments/transaction v2 vs v1 (BACKWARD): field 'amount': renamed to 'amount_cents' in v2; Avro matches fields by name,"
                        + " so v2 readers find no 'amount_cents' in records written by v1 - keep the old name, or add 'amount_cents' as an optional field next to it",
                "payments/transaction v2 vs v1 (FORWARD): field 'amount': renamed to 'amount_cents' in v2; Avro matches fields by name,"
                        + " so v1 readers find no 'amount' in records written by v2 - keep the old name, or add 'amount_cents' as an optional field next to it"),
                lines(CompatibilityChecker.check(versions, CompatibilityMode.FULL)));
    }

    @Test
    void enumSymbolRemovedBreaksBackwardAndAddedBreaksForward() {
        var removed = List.of(v(1, STATUS_3), v(2, STATUS_2));
        List<CompatibilityBreak> backward = CompatibilityChecker.check(removed, CompatibilityMode.BACKWARD);
        assertEquals(List.of("payments/transaction v2 vs v1 (BACKWARD): field 'status': enum symbol 'reversed' removed in v2,"
                + " so v2 readers cannot read 'reversed' written by v1 - keep the symbol"), lines(backward));
        assertEquals("enum symbol removed", backward.get(0).rule());
        assertEquals(List.of(), CompatibilityChecker.check(removed, CompatibilityMode.FORWARD));

        var added = List.of(v(1, STATUS_2), v(2, STATUS_3));
        assertEquals(List.of(), CompatibilityChecker.check(added, CompatibilityMode.BACKWARD));
        List<CompatibilityBreak> forward = CompatibilityChecker.check(added, CompatibilityMode.FORWARD);
        assertEquals("enum symbol added", forward.get(0).rule());
        assertTrue(forward.get(0).line().startsWith("payments/transaction v2 vs v1 (FORWARD): field 'status': enum symbol 'reversed' added in v2"), forward.get(0).line());
    }

    @Test
    void optionalMadeRequiredIsNamedEvenThoughAvroLosesTheLocation() {
        var versions = List.of(v(1, ID + ",{\"name\":\"device_id\",\"type\":[\"null\",\"string\"],\"default\":null}"),
                v(2, ID + ",{\"name\":\"device_id\",\"type\":\"string\"}"));
        assertEquals(List.of("payments/transaction v2 vs v1 (BACKWARD): field 'device_id': optional in v1 but required in v2,"
                + " so v2 readers cannot read the nulls v1 may write"), lines(CompatibilityChecker.check(versions, CompatibilityMode.BACKWARD)));
        var madeOptional = List.of(v(1, ID + ",{\"name\":\"device_id\",\"type\":\"string\"}"),
                v(2, ID + ",{\"name\":\"device_id\",\"type\":[\"null\",\"string\"],\"default\":null}"));
        assertEquals(List.of(), CompatibilityChecker.check(madeOptional, CompatibilityMode.BACKWARD));
        assertEquals(List.of("payments/transaction v2 vs v1 (FORWARD): field 'device_id': required in v1 but optional in v2,"
                + " so v1 readers cannot read the nulls v2 may write"), lines(CompatibilityChecker.check(madeOptional, CompatibilityMode.FORWARD)));
    }

    @Test
    void transitiveModesCheckEveryEarlierVersionNotOnlyThePreviousOne() {
        // v2 adds b with a default, v3 drops the default: v3 reads v2 data (b present) but not v1 data (b absent).
        var versions = List.of(
                v(1, ID),
                v(2, ID + ",{\"name\":\"b\",\"type\":\"string\",\"default\":\"x\"}"),
                v(3, ID + ",{\"name\":\"b\",\"type\":\"string\"}"));
        assertEquals(List.of(), CompatibilityChecker.check(versions, CompatibilityMode.BACKWARD));
        List<CompatibilityBreak> transitive = CompatibilityChecker.check(versions, CompatibilityMode.BACKWARD_TRANSITIVE);
        assertEquals(1, transitive.size());
        assertEquals(3, transitive.get(0).newer().version());
        assertEquals(1, transitive.get(0).older().version());
        assertEquals(1, CompatibilityChecker.check(versions, CompatibilityMode.FULL_TRANSITIVE).size());
        assertEquals(List.of(), CompatibilityChecker.check(versions, CompatibilityMode.FULL));
    }

    @Test
    void forwardTransitive() {
        // v1 has c without default; v2 gives it a default; v3 removes it: old v2 readers cope, v1 readers do not.
        var versions = List.of(
                v(1, ID + ",{\"name\":\"c\",\"type\":\"string\"}"),
                v(2, ID + ",{\"name\":\"c\",\"type\":\"string\",\"default\":\"\"}"),
                v(3, ID));
        assertEquals(List.of(), CompatibilityChecker.check(versions, CompatibilityMode.FORWARD));
        List<CompatibilityBreak> transitive = CompatibilityChecker.check(versions, CompatibilityMode.FORWARD_TRANSITIVE);
        assertEquals(List.of("payments/transaction v3 vs v1 (FORWARD): field 'c': removed in v3 but v1 has no default for it,"
                + " so v1 readers cannot read records written by v3 - keep the field, or make it optional in an earlier version first"), lines(transitive));
    }

    @Test
    void noneSkipsEverything() {
        var versions = List.of(v(1, ID + "," + AMOUNT_LONG), v(2, "{\"name\":\"amount\",\"type\":\"string\"}"));
        assertEquals(List.of(), CompatibilityChecker.check(versions, CompatibilityMode.NONE));
    }

    @Test
    void renamedRecordIsATypeRename() {
        Schema other = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Txn\",\"namespace\":\"dev.sluice.events.payments\",\"fields\":[" + ID + "]}");
        var versions = List.of(v(1, ID), new VersionedSchema("payments", "transaction", 2, other, Path.of("x")));
        List<CompatibilityBreak> breaks = CompatibilityChecker.check(versions, CompatibilityMode.BACKWARD);
        assertEquals("type renamed", breaks.get(0).rule());
        assertTrue(breaks.get(0).detail().contains("dev.sluice.events.payments.Transaction (v1) to dev.sluice.events.payments.Txn (v2)"), breaks.get(0).detail());
    }

    @Test
    void describesTypesReadably() {
        Schema optionalTimestamp = new Schema.Parser().parse("[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}]");
        assertEquals("optional long (timestamp-millis)", CompatibilityChecker.describe(optionalTimestamp));
    }
}
