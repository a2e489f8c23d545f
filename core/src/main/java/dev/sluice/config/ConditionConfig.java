package dev.sluice.config;

import java.util.List;

/**
 * A predicate on one field: {@code {field: status, op: eq, value: approved}}. Values are written as YAML scalars
 * and checked against the field's type when the config is validated.
 */
public record ConditionConfig(
        @Required @Doc("Field the condition tests.") String field,
        @Default("eq") @Doc("eq | ne | gt | ge | lt | le | in | not_in | is_null | not_null") Operator op,
        @Doc("Comparison value for eq, ne, gt, ge, lt, le.") String value,
        @Doc("Values for in and not_in.") List<String> values) {

    public enum Operator {
        EQ, NE, GT, GE, LT, LE, IN, NOT_IN, IS_NULL, NOT_NULL;

        public boolean takesValue() {
            return this != IN && this != NOT_IN && this != IS_NULL && this != NOT_NULL;
        }

        public boolean takesValues() {
            return this == IN || this == NOT_IN;
        }
    }
}
