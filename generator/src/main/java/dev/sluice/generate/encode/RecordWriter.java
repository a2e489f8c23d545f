package dev.sluice.generate.encode;

import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.FieldType;
import dev.sluice.generate.EventPlan;
import dev.sluice.generate.GeneratedEvent;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes generated events with one writer schema (one committed version of the event's schema), compiled once:
 * for each field of that schema, where its value comes from (event_id, event_time, a configured field by position,
 * or the schema's default when the config no longer has the field) and how to encode it. Writing an event with an
 * older version projects it onto that version's fields, as a producer still on the old schema would.
 */
public final class RecordWriter {

    private final Schema schema;
    private final FieldWriter[] fields;

    private RecordWriter(Schema schema, FieldWriter[] fields) {
        this.schema = schema;
        this.fields = fields;
    }

    Schema schema() {
        return schema;
    }

    /**
     * Compiles a writer for {@code schema}; problems (fields the config cannot fill, type mismatches) are added to
     * {@code problems} and make the result null.
     */
    static RecordWriter compile(EventPlan event, Schema schema, String label, List<String> problems) {
        if (schema.getType() != Schema.Type.RECORD) {
            problems.add(label + ": is a " + schema.getType() + ", expected an Avro record");
            return null;
        }
        List<FieldWriter> writers = new ArrayList<>();
        int before = problems.size();
        for (Schema.Field field : schema.getFields()) {
            int source;
            String name = field.name();
            if (name.equals(EventTypeConfig.EVENT_ID)) {
                source = FieldWriter.EVENT_ID;
            } else if (name.equals(EventTypeConfig.EVENT_TIME)) {
                source = FieldWriter.EVENT_TIME;
            } else {
                source = event.fieldIndex(name);
            }
            if (source == FieldWriter.MISSING) {
                if (!field.hasDefaultValue()) {
                    problems.add(label + ": field '" + name + "' is not in the config and has no default, so events cannot be written with this version");
                    continue;
                }
                writers.add(FieldWriter.constant(encodeDefault(field)));
                continue;
            }
            FieldType configType = switch (source) {
                case FieldWriter.EVENT_ID -> FieldType.STRING;
                case FieldWriter.EVENT_TIME -> FieldType.TIMESTAMP;
                default -> event.config().fields().get(source).type();
            };
            Schema valueSchema = nonNull(field.schema());
            if (valueSchema != null && !compatible(configType, valueSchema.getType())) {
                problems.add(label + ": field '" + name + "' is " + valueSchema.getType().getName() + " in this version but "
                        + configType.name().toLowerCase() + " in the config; values cannot be written with this version");
                continue;
            }
            FieldWriter writer = FieldWriter.forSchema(source, field.schema(), label + " field '" + name + "'", problems);
            if (writer != null) {
                writers.add(writer);
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new RecordWriter(schema, writers.toArray(new FieldWriter[0]));
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        for (Schema branch : schema.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                return branch;
            }
        }
        return null;
    }

    /** Which Avro types can hold a config type's values (ints widen, strings and enums convert by symbol). */
    static boolean compatible(FieldType config, Schema.Type avro) {
        return switch (config) {
            case STRING, ENUM -> avro == Schema.Type.STRING || avro == Schema.Type.ENUM;
            case INT -> avro == Schema.Type.INT || avro == Schema.Type.LONG || avro == Schema.Type.FLOAT || avro == Schema.Type.DOUBLE;
            case LONG, MONEY, TIMESTAMP -> avro == Schema.Type.LONG || avro == Schema.Type.INT || avro == Schema.Type.DOUBLE;
            case DOUBLE -> avro == Schema.Type.DOUBLE || avro == Schema.Type.FLOAT;
            case BOOLEAN -> avro == Schema.Type.BOOLEAN;
        };
    }

    /** Writes the record; false when a value cannot be represented in this schema (an enum symbol it lacks). */
    boolean write(GeneratedEvent event, AvroBinaryWriter out) {
        for (FieldWriter field : fields) {
            if (!field.write(event, out)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] encodeDefault(Schema.Field field) {
        Object value = GenericData.get().getDefaultValue(field);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
        try {
            new GenericDatumWriter<>(field.schema()).write(value, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("bug: writing a default into memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** How one field of the writer schema is written. */
    abstract static class FieldWriter {
        static final int EVENT_ID = -2;
        static final int EVENT_TIME = -3;
        static final int MISSING = -1;

        final int source;

        FieldWriter(int source) {
            this.source = source;
        }

        Object value(GeneratedEvent event) {
            return switch (source) {
                case EVENT_ID -> event.eventId();
                case EVENT_TIME -> event.eventTime();
                default -> event.valueAt(source);
            };
        }

        abstract boolean write(GeneratedEvent event, AvroBinaryWriter out);

        static FieldWriter constant(byte[] encoded) {
            return new FieldWriter(MISSING) {
                @Override
                boolean write(GeneratedEvent event, AvroBinaryWriter out) {
                    out.writeRaw(encoded);
                    return true;
                }
            };
        }

        static FieldWriter forSchema(int source, Schema schema, String label, List<String> problems) {
            if (schema.getType() == Schema.Type.UNION) {
                List<Schema> branches = schema.getTypes();
                int nullBranch = -1;
                int valueBranch = -1;
                for (int i = 0; i < branches.size(); i++) {
                    if (branches.get(i).getType() == Schema.Type.NULL) {
                        nullBranch = i;
                    } else if (valueBranch < 0) {
                        valueBranch = i;
                    } else {
                        problems.add(label + ": unions other than [\"null\", T] are not produced by Sluice");
                        return null;
                    }
                }
                if (valueBranch < 0) {
                    problems.add(label + ": a union of only null carries no value");
                    return null;
                }
                Primitive inner = primitive(source, branches.get(valueBranch), label, problems);
                return inner == null ? null : new Optional(source, nullBranch, valueBranch, inner);
            }
            return primitive(source, schema, label, problems);
        }

        private static Primitive primitive(int source, Schema schema, String label, List<String> problems) {
            return switch (schema.getType()) {
                case STRING, INT, LONG, DOUBLE, FLOAT, BOOLEAN -> new Primitive(source, schema.getType(), null, -1);
                case ENUM -> {
                    Map<String, Integer> symbols = new HashMap<>();
                    List<String> list = schema.getEnumSymbols();
                    for (int i = 0; i < list.size(); i++) {
                        symbols.put(list.get(i), i);
                    }
                    int fallback = schema.getEnumDefault() == null ? -1 : list.indexOf(schema.getEnumDefault());
                    yield new Primitive(source, Schema.Type.ENUM, symbols, fallback);
                }
                default -> {
                    problems.add(label + ": Avro type " + schema.getType() + " is not one Sluice produces");
                    yield null;
                }
            };
        }
    }

    /** A non-null value of a primitive or enum type. */
    static final class Primitive extends FieldWriter {
        private final Schema.Type type;
        private final Map<String, Integer> symbols;
        private final int enumDefault;

        Primitive(int source, Schema.Type type, Map<String, Integer> symbols, int enumDefault) {
            super(source);
            this.type = type;
            this.symbols = symbols;
            this.enumDefault = enumDefault;
        }

        @Override
        boolean write(GeneratedEvent event, AvroBinaryWriter out) {
            Object value = value(event);
            if (value == null) {
                throw new IllegalStateException("bug: generated null for required field " + (source >= 0 ? event.plan().fieldNames().get(source) : source)
                        + " of " + event.eventType());
            }
            return writeValue(value, out);
        }

        boolean writeValue(Object value, AvroBinaryWriter out) {
            switch (type) {
                case STRING -> out.writeString(value.toString());
                case INT -> {
                    long v = ((Number) value).longValue();
                    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                        return false;
                    }
                    out.writeInt((int) v);
                }
                case LONG -> out.writeLong(((Number) value).longValue());
                case DOUBLE -> out.writeDouble(((Number) value).doubleValue());
                case FLOAT -> out.writeFloat(((Number) value).floatValue());
                case BOOLEAN -> out.writeBoolean((Boolean) value);
                case ENUM -> {
                    Integer index = symbols.get(value.toString());
                    if (index == null) {
                        if (enumDefault < 0) {
                            return false;
                        }
                        index = enumDefault;
                    }
                    out.writeInt(index);
                }
                default -> throw new IllegalStateException("bug: unexpected type " + type);
            }
            return true;
        }
    }

    /** ["null", T]: the branch index, then the value. */
    static final class Optional extends FieldWriter {
        private final int nullBranch;
        private final int valueBranch;
        private final Primitive inner;

        Optional(int source, int nullBranch, int valueBranch, Primitive inner) {
            super(source);
            this.nullBranch = nullBranch;
            this.valueBranch = valueBranch;
            this.inner = inner;
        }

        @Override
        boolean write(GeneratedEvent event, AvroBinaryWriter out) {
            Object value = value(event);
            if (value == null) {
                if (nullBranch < 0) {
                    return false;
                }
                out.writeInt(nullBranch);
                return true;
            }
            out.writeInt(valueBranch);
            return inner.writeValue(value, out);
        }
    }
}
