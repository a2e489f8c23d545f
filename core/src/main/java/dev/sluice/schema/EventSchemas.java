package dev.sluice.schema;

import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.FieldConfig;
import dev.sluice.config.FieldType;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns an event type of the config into its Avro record schema. The result is a pure function of the config:
 * the same YAML always gives the same schema, which is what lets {@code bin/sluice schemas generate} decide whether
 * a new version is needed.
 *
 * <p>Layout: record {@code <namespace>.<PascalCase(event)>} with {@code event_id}, {@code event_time}, then the
 * configured fields in YAML order. Enums are named {@code PascalCase(event) + PascalCase(field)} (e.g.
 * {@code TransactionStatus}) so two events of one domain may declare different symbols for a same-named field
 * without their named types clashing in the shared namespace (Spark, code generators and registries that
 * resolve named types across schemas would otherwise see two definitions of one name).
 */
public final class EventSchemas {

    /** Custom property marking Sluice's logical field types that Avro does not know (money). */
    public static final String SLUICE_TYPE = "sluice.type";
    /** Custom property holding a money field's ISO currency when the event has no currency field. */
    public static final String SLUICE_CURRENCY = "sluice.currency";

    static final String EVENT_ID_DOC = "Unique id of this event (a UUID); consumers drop repeated ids.";
    static final String EVENT_TIME_DOC = "When the event happened, in milliseconds since the epoch (UTC).";
    static final String MONEY_DOC = "Amount in minor units (cents).";

    private EventSchemas() {
    }

    public static Schema schemaFor(DomainConfig domain, EventTypeConfig event) {
        String recordName = Names.pascalCase(event.name());
        List<Schema.Field> fields = new ArrayList<>(event.fields().size() + 2);
        fields.add(new Schema.Field(EventTypeConfig.EVENT_ID, Schema.create(Schema.Type.STRING), EVENT_ID_DOC));
        fields.add(new Schema.Field(EventTypeConfig.EVENT_TIME, timestampMillis(), EVENT_TIME_DOC));
        for (FieldConfig field : event.fields()) {
            fields.add(fieldFor(domain, recordName, field));
        }
        return Schema.createRecord(recordName, event.doc(), domain.avroNamespace(), false, fields);
    }

    private static Schema.Field fieldFor(DomainConfig domain, String recordName, FieldConfig field) {
        Schema type = typeFor(domain, recordName, field);
        String doc = field.doc();
        if (field.type() == FieldType.MONEY) {
            doc = moneyDoc(doc);
        }
        Schema.Field avroField;
        if (field.optional()) {
            Schema union = Schema.createUnion(Schema.create(Schema.Type.NULL), type);
            avroField = new Schema.Field(field.name(), union, doc, JsonProperties.NULL_VALUE);
        } else {
            avroField = new Schema.Field(field.name(), type, doc);
        }
        if (field.type() == FieldType.MONEY) {
            // On the field (not the long), so the plain long stays a primitive every Avro tool understands.
            avroField.addProp(SLUICE_TYPE, "money");
            if (field.currency() != null && !field.currency().isBlank()) {
                avroField.addProp(SLUICE_CURRENCY, field.currency());
            }
        }
        return avroField;
    }

    private static Schema typeFor(DomainConfig domain, String recordName, FieldConfig field) {
        return switch (field.type()) {
            case STRING -> Schema.create(Schema.Type.STRING);
            case INT -> Schema.create(Schema.Type.INT);
            case LONG, MONEY -> Schema.create(Schema.Type.LONG);
            case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
            case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
            case TIMESTAMP -> timestampMillis();
            case ENUM -> {
                if (field.symbols().isEmpty()) {
                    throw new IllegalArgumentException("bad config: enum field '" + field.name() + "' of domain '"
                            + domain.name() + "' has no symbols; list them under 'symbols:'");
                }
                yield Schema.createEnum(recordName + Names.pascalCase(field.name()), field.doc(), domain.avroNamespace(),
                        field.symbols());
            }
        };
    }

    private static Schema timestampMillis() {
        return LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
    }

    /** Money docs always say the unit, because a reader seeing a bare long would otherwise guess. */
    private static String moneyDoc(String doc) {
        if (doc == null || doc.isBlank()) {
            return MONEY_DOC;
        }
        String lower = doc.toLowerCase(Locale.ROOT);
        if (lower.contains("minor units") || lower.contains("cents")) {
            return doc;
        }
        return doc.strip() + " " + MONEY_DOC;
    }
}
