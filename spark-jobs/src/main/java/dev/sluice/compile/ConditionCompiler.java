package dev.sluice.compile;

import dev.sluice.config.ConditionConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.FieldType;
import org.apache.spark.sql.Column;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

/**
 * Turns conditions into one boolean Column (all must hold). Values written in YAML as text are converted to the
 * field's type first, so {@code amount lt "200"} compares longs and {@code is_fraud eq "true"} compares booleans.
 *
 * <p>Nulls: the result is never null (a null inside {@code when(cond, ...)} would behave like false anyway, but an
 * explicit rule is easier to document). {@code eq, gt, ge, lt, le, in} are false for a null field;
 * {@code ne} and {@code not_in} are true for it, because a missing value is not equal to the one named.
 */
public final class ConditionCompiler {

    private final String domain;
    private final String aggregation;

    public ConditionCompiler(String domain, String aggregation) {
        this.domain = domain;
        this.aggregation = aggregation;
    }

    /** The conjunction of the conditions; {@code lit(true)} for none. */
    public Column compile(EventTypeConfig event, List<ConditionConfig> conditions) {
        Column result = null;
        for (ConditionConfig condition : conditions == null ? List.<ConditionConfig>of() : conditions) {
            Column one = compileOne(event, condition);
            result = result == null ? one : result.and(one);
        }
        return result == null ? lit(true) : result;
    }

    Column compileOne(EventTypeConfig event, ConditionConfig condition) {
        FieldType type = event.fieldType(condition.field()).orElseThrow(() -> CompileException.badConfig(domain, aggregation,
                "condition on unknown field '" + condition.field() + "' of event type '" + event.name() + "'",
                "use one of " + event.referenceableFieldNames()));
        Column field = col(condition.field());
        return switch (condition.op()) {
            case EQ -> field.eqNullSafe(value(type, condition, single(condition)));
            case NE -> not(field.eqNullSafe(value(type, condition, single(condition))));
            case GT -> orFalse(field.gt(value(type, condition, single(condition))));
            case GE -> orFalse(field.geq(value(type, condition, single(condition))));
            case LT -> orFalse(field.lt(value(type, condition, single(condition))));
            case LE -> orFalse(field.leq(value(type, condition, single(condition))));
            case IN -> orFalse(field.isin(values(type, condition)));
            case NOT_IN -> field.isNull().or(not(field.isin(values(type, condition))));
            case IS_NULL -> field.isNull();
            case NOT_NULL -> field.isNotNull();
        };
    }

    private static Column orFalse(Column predicate) {
        return org.apache.spark.sql.functions.coalesce(predicate, lit(false));
    }

    private String single(ConditionConfig condition) {
        if (condition.value() == null) {
            throw CompileException.badConfig(domain, aggregation, "condition '" + condition.field() + " "
                    + lower(condition.op()) + "' has no value", "add value: <text>");
        }
        return condition.value();
    }

    private Object[] values(FieldType type, ConditionConfig condition) {
        List<String> raw = condition.values();
        if (raw == null || raw.isEmpty()) {
            throw CompileException.badConfig(domain, aggregation, "condition '" + condition.field() + " "
                    + lower(condition.op()) + "' has no values", "add values: [a, b]");
        }
        return raw.stream().map(v -> typed(type, condition, v)).toArray();
    }

    private Column value(FieldType type, ConditionConfig condition, String text) {
        return lit(typed(type, condition, text));
    }

    /** The YAML text as a Java value of the field's Spark type, so Spark compares without implicit casts. */
    private Object typed(FieldType type, ConditionConfig condition, String text) {
        String trimmed = text.trim();
        try {
            return switch (type) {
                case STRING, ENUM -> text;
                case INT -> Integer.parseInt(trimmed);
                case LONG, MONEY -> Long.parseLong(trimmed);
                case DOUBLE -> Double.parseDouble(trimmed);
                case BOOLEAN -> {
                    if (!trimmed.equalsIgnoreCase("true") && !trimmed.equalsIgnoreCase("false")) {
                        throw new IllegalArgumentException("not true or false");
                    }
                    yield Boolean.parseBoolean(trimmed);
                }
                case TIMESTAMP -> Timestamp.from(parseInstant(trimmed));
            };
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw CompileException.badConfig(domain, aggregation, "condition value '" + text + "' of field '" + condition.field()
                    + "' is not a " + lower(type) + " (" + e.getMessage() + ")", hint(type));
        }
    }

    private static Instant parseInstant(String text) {
        if (text.matches("-?\\d+")) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        return Instant.parse(text);
    }

    private static String hint(FieldType type) {
        return switch (type) {
            case MONEY -> "money is compared in minor units, e.g. 1999 for 19.99";
            case TIMESTAMP -> "write an ISO-8601 instant such as 2024-05-01T00:00:00Z or epoch milliseconds";
            case BOOLEAN -> "write \"true\" or \"false\"";
            default -> "write a " + lower(type) + " value";
        };
    }

    private static String lower(Enum<?> value) {
        return value == null ? "eq" : value.name().toLowerCase(Locale.ROOT);
    }
}
