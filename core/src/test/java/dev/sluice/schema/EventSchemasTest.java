package dev.sluice.schema;

import dev.sluice.config.DomainConfig;
import dev.sluice.config.FieldType;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventSchemasTest {

    @Test
    void generatesTheExactSchemaForAnEventWithEveryFieldType() {
        DomainConfig payments = TestEvents.domain("payments", TestEvents.transaction());
        Schema schema = EventSchemas.schemaFor(payments, payments.event("transaction"));

        String expected = """
                {"type":"record","name":"Transaction","namespace":"dev.sluice.events.payments","doc":"A card authorisation request.","fields":[\
                {"name":"event_id","type":"string","doc":"Unique id of this event (a UUID); consumers drop repeated ids."},\
                {"name":"event_time","type":{"type":"long","logicalType":"timestamp-millis"},"doc":"When the event happened, in milliseconds since the epoch (UTC)."},\
                {"name":"card_id","type":"string","doc":"Tokenised card number."},\
                {"name":"device_id","type":["null","string"],"doc":"Device used.","default":null},\
                {"name":"amount","type":"long","doc":"Authorised amount. Amount in minor units (cents).","sluice.type":"money"},\
                {"name":"fee","type":"long","doc":"Amount in minor units (cents).","sluice.type":"money","sluice.currency":"USD"},\
                {"name":"installments","type":"int"},\
                {"name":"dwell_ms","type":"long"},\
                {"name":"risk_score","type":"double"},\
                {"name":"is_fraud","type":"boolean","doc":"Ground truth."},\
                {"name":"settled_at","type":["null",{"type":"long","logicalType":"timestamp-millis"}],"default":null},\
                {"name":"status","type":{"type":"enum","name":"TransactionStatus","doc":"Outcome.","symbols":["approved","declined"]},"doc":"Outcome."}]}""";
        assertEquals(expected, schema.toString());
    }

    @Test
    void enumNamesArePrefixedWithTheEventSoFieldsOfDifferentEventsNeverClash() {
        DomainConfig domain = TestEvents.domain("shop",
                TestEvents.event("page_view", null, "t1", null, TestEvents.enumField("device", null, "desktop", "mobile")),
                TestEvents.event("purchase", null, "t2", null, TestEvents.enumField("device", null, "desktop")));
        Schema pageView = EventSchemas.schemaFor(domain, domain.event("page_view"));
        Schema purchase = EventSchemas.schemaFor(domain, domain.event("purchase"));
        assertEquals("dev.sluice.events.shop.PageViewDevice", pageView.getField("device").schema().getFullName());
        assertEquals("dev.sluice.events.shop.PurchaseDevice", purchase.getField("device").schema().getFullName());
        assertEquals("dev.sluice.events.shop.PageView", pageView.getFullName());
    }

    @Test
    void moneyDocKeepsAnExistingUnitMention() {
        DomainConfig domain = TestEvents.domain("shop",
                TestEvents.event("cart_add", null, "t", null, TestEvents.money("unit_price", "Price of one unit in cents.", "USD")));
        Schema schema = EventSchemas.schemaFor(domain, domain.event("cart_add"));
        assertEquals("Price of one unit in cents.", schema.getField("unit_price").doc());
        assertEquals("money", schema.getField("unit_price").getProp(EventSchemas.SLUICE_TYPE));
    }

    @Test
    void enumWithoutSymbolsIsABadConfigError() {
        DomainConfig domain = TestEvents.domain("shop",
                TestEvents.event("e", null, "t", null, TestEvents.field("kind", FieldType.ENUM)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventSchemas.schemaFor(domain, domain.event("e")));
        assertTrue(e.getMessage().contains("'kind'"), e.getMessage());
    }

    @Test
    void generationIsDeterministic() {
        DomainConfig payments = TestEvents.domain("payments", TestEvents.transaction());
        Schema first = EventSchemas.schemaFor(payments, payments.event("transaction"));
        Schema second = EventSchemas.schemaFor(payments, payments.event("transaction"));
        assertEquals(first.toString(), second.toString());
        assertNotEquals(first.toString(), EventSchemas.schemaFor(TestEvents.domain("other", TestEvents.transaction()),
                TestEvents.transaction()).toString());
    }

    @Test
    void pascalCase() {
        assertEquals("PageView", Names.pascalCase("page_view"));
        assertEquals("DeviceEvent", Names.pascalCase("device-event"));
        assertEquals("_3dSecure", Names.pascalCase("3d_secure"));
    }
}
