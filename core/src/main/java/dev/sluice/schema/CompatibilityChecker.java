package dev.sluice.schema;

import dev.sluice.config.CompatibilityMode;
import dev.sluice.schema.CompatibilityBreak.Direction;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks an event's committed versions against each other under a compatibility mode, with Avro's own
 * {@link SchemaCompatibility} as the judge (the same rules the registries apply), and turns each of Avro's
 * incompatibilities into a line naming the field, the rule broken and who cannot read what.
 *
 * <p>Modes as in the Confluent registry: BACKWARD = the new schema reads data written with the old one; FORWARD =
 * the old schema reads data written with the new one; FULL = both; *_TRANSITIVE = against every earlier version
 * instead of only the previous one; NONE = no check.
 */
public final class CompatibilityChecker {

    private CompatibilityChecker() {
    }

    /** Every break among the versions (ascending order) under the mode; empty when compatible. */
    public static List<CompatibilityBreak> check(List<VersionedSchema> versions, CompatibilityMode mode) {
        List<CompatibilityBreak> breaks = new ArrayList<>();
        if (mode == CompatibilityMode.NONE) {
            return breaks;
        }
        for (int i = 1; i < versions.size(); i++) {
            VersionedSchema newer = versions.get(i);
            int from = mode.transitive() ? 0 : i - 1;
            for (int j = i - 1; j >= from; j--) {
                breaks.addAll(checkCandidate(newer, versions.get(j), mode));
            }
        }
        return breaks;
    }

    /** Breaks of {@code newer} against one {@code older} version under the mode's directions. */
    public static List<CompatibilityBreak> checkCandidate(VersionedSchema newer, VersionedSchema older, CompatibilityMode mode) {
        List<CompatibilityBreak> breaks = new ArrayList<>();
        if (backward(mode)) {
            breaks.addAll(checkPair(newer, older, Direction.BACKWARD));
        }
        if (forward(mode)) {
            breaks.addAll(checkPair(newer, older, Direction.FORWARD));
        }
        return breaks;
    }

    static boolean backward(CompatibilityMode mode) {
        return switch (mode) {
            case BACKWARD, BACKWARD_TRANSITIVE, FULL, FULL_TRANSITIVE -> true;
            default -> false;
        };
    }

    static boolean forward(CompatibilityMode mode) {
        return switch (mode) {
            case FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE -> true;
            default -> false;
        };
    }

    public static List<CompatibilityBreak> checkPair(VersionedSchema newer, VersionedSchema older, Direction direction) {
        VersionedSchema reader = direction == Direction.BACKWARD ? newer : older;
        VersionedSchema writer = direction == Direction.BACKWARD ? older : newer;
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader.schema(), writer.schema()).getResult();
        if (result.getCompatibility() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        Map<String, String> renames = renamedFields(older.schema(), newer.schema());
        Set<String> seen = new HashSet<>();
        List<CompatibilityBreak> breaks = new ArrayList<>();
        for (Incompatibility incompatibility : result.getIncompatibilities()) {
            String field = fieldPath(reader.schema(), incompatibility.getLocation());
            if (field == null) {
                field = attribute(reader.schema(), writer.schema(), incompatibility);
            }
            CompatibilityBreak described = new Describer(newer, older, reader, writer, direction, renames).explain(incompatibility, field);
            if (seen.add(described.line())) {
                breaks.add(described);
            }
        }
        return breaks;
    }

    /**
     * Fields that look renamed between two versions: removed from the older and added to the newer with the same
     * type, paired in order. Avro cannot tell a rename from a removal plus an addition; people mean the rename.
     */
    static Map<String, String> renamedFields(Schema older, Schema newer) {
        Map<String, String> renames = new LinkedHashMap<>();
        if (older.getType() != Schema.Type.RECORD || newer.getType() != Schema.Type.RECORD) {
            return renames;
        }
        List<Schema.Field> removed = older.getFields().stream().filter(f -> newer.getField(f.name()) == null).toList();
        List<Schema.Field> added = new ArrayList<>(newer.getFields().stream().filter(f -> older.getField(f.name()) == null).toList());
        for (Schema.Field gone : removed) {
            for (Schema.Field candidate : added) {
                if (SchemaEquivalence.sameIgnoringDocs(gone.schema(), candidate.schema())) {
                    renames.put(gone.name(), candidate.name());
                    added.remove(candidate);
                    break;
                }
            }
        }
        return renames;
    }

    /**
     * Turns Avro's location (a JSON pointer into the reader schema such as {@code /fields/3/type/symbols}) into a
     * dotted field path; null when it names no field (the root, or Avro lost the location inside a union).
     */
    static String fieldPath(Schema readerRoot, String location) {
        if (location == null) {
            return null;
        }
        String[] tokens = location.split("/");
        List<String> path = new ArrayList<>();
        Schema schema = readerRoot;
        int i = 0;
        while (i < tokens.length) {
            String token = tokens[i];
            if (token.isEmpty()) {
                i++;
            } else if (schema.getType() == Schema.Type.RECORD && token.equals("fields") && i + 1 < tokens.length && isIndex(tokens[i + 1])) {
                int index = Integer.parseInt(tokens[i + 1]);
                if (index >= schema.getFields().size()) {
                    break;
                }
                Schema.Field field = schema.getFields().get(index);
                path.add(field.name());
                schema = field.schema();
                i += 2;
                if (i < tokens.length && tokens[i].equals("type")) {
                    i++;
                }
            } else if (schema.getType() == Schema.Type.UNION && isIndex(token) && Integer.parseInt(token) < schema.getTypes().size()) {
                schema = schema.getTypes().get(Integer.parseInt(token));
                i++;
            } else if (schema.getType() == Schema.Type.ARRAY && token.equals("items")) {
                schema = schema.getElementType();
                i++;
            } else if (schema.getType() == Schema.Type.MAP && token.equals("values")) {
                schema = schema.getValueType();
                i++;
            } else {
                break;
            }
        }
        return path.isEmpty() ? null : String.join(".", path);
    }

    private static boolean isIndex(String token) {
        return !token.isEmpty() && token.chars().allMatch(Character::isDigit);
    }

    /** Finds the top-level field a location-less incompatibility belongs to by re-checking field by field. */
    private static String attribute(Schema reader, Schema writer, Incompatibility incompatibility) {
        if (reader.getType() != Schema.Type.RECORD || writer.getType() != Schema.Type.RECORD) {
            return null;
        }
        for (Schema.Field readerField : reader.getFields()) {
            Schema.Field writerField = writer.getField(readerField.name());
            if (writerField == null) {
                continue;
            }
            var fieldResult = SchemaCompatibility.checkReaderWriterCompatibility(readerField.schema(), writerField.schema()).getResult();
            for (Incompatibility candidate : fieldResult.getIncompatibilities()) {
                if (candidate.getType() == incompatibility.getType()
                        && candidate.getReaderFragment().equals(incompatibility.getReaderFragment())
                        && candidate.getWriterFragment().equals(incompatibility.getWriterFragment())) {
                    return readerField.name();
                }
            }
        }
        return null;
    }

    /** Readable type names: {@code long}, {@code optional string}, {@code long (timestamp-millis)}, {@code enum Status}. */
    static String describe(Schema schema) {
        if (schema.getLogicalType() != null) {
            return schema.getType().getName() + " (" + schema.getLogicalType().getName() + ")";
        }
        return switch (schema.getType()) {
            case UNION -> {
                List<Schema> branches = schema.getTypes();
                if (branches.size() == 2 && branches.get(0).getType() == Schema.Type.NULL) {
                    yield "optional " + describe(branches.get(1));
                }
                yield branches.stream().map(CompatibilityChecker::describe).collect(Collectors.joining(", ", "union [", "]"));
            }
            case RECORD -> "record " + schema.getName();
            case ENUM -> "enum " + schema.getName();
            case FIXED -> "fixed(" + schema.getFixedSize() + ") " + schema.getName();
            case ARRAY -> "array of " + describe(schema.getElementType());
            case MAP -> "map of " + describe(schema.getValueType());
            default -> schema.getType().getName();
        };
    }

    /** Field schema at a dotted path, or null. */
    static Schema fieldSchema(Schema root, String path) {
        Schema schema = root;
        for (String name : path.split("\\.")) {
            Schema record = nonNull(schema);
            if (record.getType() != Schema.Type.RECORD || record.getField(name) == null) {
                return null;
            }
            schema = record.getField(name).schema();
        }
        return schema;
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            for (Schema branch : schema.getTypes()) {
                if (branch.getType() != Schema.Type.NULL) {
                    return branch;
                }
            }
        }
        return schema;
    }

    private record Describer(VersionedSchema newer, VersionedSchema older, VersionedSchema reader, VersionedSchema writer,
                             Direction direction, Map<String, String> renames) {

        String v(VersionedSchema s) {
            return "v" + s.version();
        }

        CompatibilityBreak make(String subject, String rule, String detail) {
            return new CompatibilityBreak(newer, older, direction, subject, rule, detail);
        }

        CompatibilityBreak explain(Incompatibility inc, String field) {
            String subject = field == null ? "record " + newer.schema().getName() : "field '" + field + "'";
            SchemaIncompatibilityType type = inc.getType();
            return switch (type) {
                case READER_FIELD_MISSING_DEFAULT_VALUE -> missingDefault(inc.getMessage());
                case TYPE_MISMATCH -> typeMismatch(inc, field, subject);
                case MISSING_ENUM_SYMBOLS -> enumSymbols(inc, subject);
                case NAME_MISMATCH -> make(subject, "type renamed", "named type renamed from " + inc.getWriterFragment().getFullName()
                        + " (" + v(writer) + ") to " + inc.getReaderFragment().getFullName() + " (" + v(reader) + "); Avro resolves named types"
                        + " by name, so " + v(reader) + " readers reject " + v(writer) + " data - keep the name");
                case MISSING_UNION_BRANCH -> make(subject, "union branch removed", "union branch " + describe(inc.getWriterFragment())
                        + " written by " + v(writer) + " has no match in " + v(reader) + "'s " + describe(inc.getReaderFragment()));
                case FIXED_SIZE_MISMATCH -> make(subject, "fixed size changed", "fixed size changed from " + inc.getWriterFragment().getFixedSize()
                        + " (" + v(writer) + ") to " + inc.getReaderFragment().getFixedSize() + " (" + v(reader) + ")");
                default -> make(subject, type.name().toLowerCase().replace('_', ' '), inc.getMessage());
            };
        }

        /** The reader has a field the writer lacks, and no default to fill it with. */
        CompatibilityBreak missingDefault(String readerField) {
            if (direction == Direction.BACKWARD) {
                String renamedFrom = renames.entrySet().stream().filter(e -> e.getValue().equals(readerField)).map(Map.Entry::getKey).findFirst().orElse(null);
                if (renamedFrom != null) {
                    return renamed(renamedFrom, readerField);
                }
                return make("field '" + readerField + "'", "field added without default", "added in " + v(newer) + " without a default, so "
                        + v(newer) + " readers cannot fill it for records written by " + v(older) + " - make it optional (optional: true)");
            }
            String renamedTo = renames.get(readerField);
            if (renamedTo != null) {
                return renamed(readerField, renamedTo);
            }
            return make("field '" + readerField + "'", "field removed without default", "removed in " + v(newer) + " but " + v(older)
                    + " has no default for it, so " + v(older) + " readers cannot read records written by " + v(newer)
                    + " - keep the field, or make it optional in an earlier version first");
        }

        CompatibilityBreak renamed(String from, String to) {
            return make("field '" + from + "'", "field renamed", "renamed to '" + to + "' in " + v(newer) + "; Avro matches fields by name,"
                    + " so " + v(reader) + " readers find no '" + (direction == Direction.BACKWARD ? to : from) + "' in records written by " + v(writer)
                    + " - keep the old name, or add '" + to + "' as an optional field next to it");
        }

        CompatibilityBreak typeMismatch(Incompatibility inc, String field, String subject) {
            Schema oldType = field == null ? null : fieldSchema(older.schema(), field);
            Schema newType = field == null ? null : fieldSchema(newer.schema(), field);
            String cannot = v(reader) + " readers cannot read the " + describe(inc.getWriterFragment()) + " written by " + v(writer);
            if (oldType == null || newType == null) {
                return make(subject, "type changed", "type changed: " + cannot);
            }
            if (inc.getWriterFragment().getType() == Schema.Type.NULL) {
                boolean madeRequired = writer == older;
                return make(subject, madeRequired ? "optional field made required" : "required field made optional",
                        (madeRequired ? "optional in " + v(older) + " but required in " + v(newer) : "required in " + v(older) + " but optional in " + v(newer))
                                + ", so " + v(reader) + " readers cannot read the nulls " + v(writer) + " may write");
            }
            return make(subject, "type changed", "type changed from " + describe(oldType) + " to " + describe(newType) + " (" + cannot + ")");
        }

        CompatibilityBreak enumSymbols(Incompatibility inc, String subject) {
            Set<String> missing = new LinkedHashSet<>(inc.getWriterFragment().getEnumSymbols());
            missing.removeAll(inc.getReaderFragment().getEnumSymbols());
            String symbols = missing.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", "));
            if (writer == older) {
                return make(subject, "enum symbol removed", "enum symbol " + symbols + " removed in " + v(newer) + ", so " + v(newer)
                        + " readers cannot read " + symbols + " written by " + v(older) + " - keep the symbol");
            }
            return make(subject, "enum symbol added", "enum symbol " + symbols + " added in " + v(newer) + ", so " + v(older)
                    + " readers cannot read " + symbols + " written by " + v(newer) + " - old consumers need a newer schema first, or relax the mode to BACKWARD");
        }
    }
}
