package dev.sluice.config;

import dev.sluice.config.AggregationConfig.OutputMode;
import dev.sluice.config.ConditionConfig.Operator;
import dev.sluice.config.MeasureConfig.MeasureType;
import dev.sluice.config.WindowConfig.WindowType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks what binding cannot: references between parts of a domain (aggregation -> event, group-by -> dimension ->
 * field, measure -> field of the right type), names usable as Avro fields and ClickHouse columns, windows that make
 * sense. Each problem names the fields or names that do exist.
 */
final class DomainValidator {

    static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern AVRO_SYMBOL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    /** Columns every aggregate table has besides dimensions and measures. */
    static final Set<String> RESERVED_COLUMNS = Set.of("window_start", "window_end", "_version", "_query", "_written_at");
    private static final Set<String> FRAUD_PATTERNS = Set.of("card_testing", "burst", "geo_anomaly", "risky_merchant");

    private final ConfigTree tree;
    private final List<ConfigError> errors;

    DomainValidator(ConfigTree tree, List<ConfigError> errors) {
        this.tree = tree;
        this.errors = errors;
    }

    void validate(DomainConfig domain, String path) {
        if (!IDENTIFIER.matcher(domain.name()).matches()) {
            errors.add(tree.error(ConfigPaths.child(path, "name"), "domain name '" + domain.name() + "' is not a lower_snake_case identifier",
                    "use letters, digits and underscores, starting with a letter"));
        }
        domain.entities().forEach((name, entity) -> {
            if (entity.poolSize() < 1) {
                errors.add(tree.error(ConfigPaths.child(entityPath(path, name), "poolSize"), "poolSize must be at least 1", null));
            }
        });
        Set<String> topics = new HashSet<>();
        domain.events().forEach((name, event) -> validateEvent(domain, event, eventPath(path, name), topics));
        domain.dimensions().forEach((name, dimension) -> {
            if (!IDENTIFIER.matcher(name).matches()) {
                errors.add(tree.keyError(ConfigPaths.child(ConfigPaths.child(path, "dimensions"), name),
                        "dimension name '" + name + "' is not a lower_snake_case identifier", null));
            }
        });
        domain.aggregations().forEach((name, aggregation) ->
                validateAggregation(domain, aggregation, ConfigPaths.child(ConfigPaths.child(path, "aggregations"), name)));
        validateGenerator(domain, domain.generator(), ConfigPaths.child(path, "generator"));
    }

    private void validateEvent(DomainConfig domain, EventTypeConfig event, String path, Set<String> topics) {
        if (!IDENTIFIER.matcher(event.name()).matches()) {
            errors.add(tree.keyError(path, "event name '" + event.name() + "' is not a lower_snake_case identifier", null));
        }
        if (event.topic() != null && !TOPIC.matcher(event.topic()).matches()) {
            errors.add(tree.error(ConfigPaths.child(path, "topic"), "'" + event.topic() + "' is not a valid Kafka topic name",
                    "use letters, digits, '.', '_' and '-' only"));
        } else if (event.topic() != null && !topics.add(event.topic())) {
            errors.add(tree.error(ConfigPaths.child(path, "topic"), "topic '" + event.topic() + "' is used by another event type",
                    "give every event type its own topic"));
        }
        if (event.partitions() < 1) {
            errors.add(tree.error(ConfigPaths.child(path, "partitions"), "partitions must be at least 1", null));
        }
        if (event.replicationFactor() < 1) {
            errors.add(tree.error(ConfigPaths.child(path, "replicationFactor"), "replicationFactor must be at least 1", null));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < event.fields().size(); i++) {
            validateField(domain, event.fields().get(i), ConfigPaths.element(ConfigPaths.child(path, "fields"), i), seen);
        }
        if (event.key() != null && event.field(event.key()).isEmpty()) {
            errors.add(tree.error(ConfigPaths.child(path, "key"), "key field '" + event.key() + "' is not a field of " + event.name(),
                    Suggestions.fixFor(event.key(), fieldNames(event), "fields")));
        }
    }

    private void validateField(DomainConfig domain, FieldConfig field, String path, Set<String> seen) {
        if (field.name() == null) {
            return;
        }
        String namePath = ConfigPaths.child(path, "name");
        if (!IDENTIFIER.matcher(field.name()).matches()) {
            errors.add(tree.error(namePath, "field name '" + field.name() + "' is not a lower_snake_case identifier",
                    "use letters, digits and underscores, starting with a letter"));
        }
        if (EventTypeConfig.EVENT_ID.equals(field.name()) || EventTypeConfig.EVENT_TIME.equals(field.name())) {
            errors.add(tree.error(namePath, "'" + field.name() + "' is added to every event by Sluice", "remove this field"));
        }
        if (!seen.add(field.name())) {
            errors.add(tree.error(namePath, "field '" + field.name() + "' is declared twice", "remove or rename one"));
        }
        String symbolsPath = ConfigPaths.child(path, "symbols");
        if (field.type() == FieldType.ENUM) {
            if (field.symbols().isEmpty()) {
                errors.add(tree.error(path, "enum field '" + field.name() + "' has no symbols", "add symbols: [A, B, C]"));
            }
            Set<String> symbols = new HashSet<>();
            for (int i = 0; i < field.symbols().size(); i++) {
                String symbol = field.symbols().get(i);
                if (!AVRO_SYMBOL.matcher(symbol).matches()) {
                    errors.add(tree.error(ConfigPaths.element(symbolsPath, i), "enum symbol '" + symbol + "' is not a valid Avro name",
                            "use letters, digits and underscores, not starting with a digit"));
                }
                if (!symbols.add(symbol)) {
                    errors.add(tree.error(ConfigPaths.element(symbolsPath, i), "enum symbol '" + symbol + "' is listed twice", null));
                }
            }
        } else if (!field.symbols().isEmpty()) {
            errors.add(tree.error(symbolsPath, "symbols are only for enum fields, but '" + field.name() + "' is " + lower(field.type()),
                    "set type: enum, or remove symbols"));
        }
        if (field.entity() != null && !domain.entities().containsKey(field.entity())) {
            errors.add(tree.error(ConfigPaths.child(path, "entity"), "unknown entity '" + field.entity() + "'",
                    Suggestions.fixFor(field.entity(), domain.entities().keySet(), "entities")));
        }
        FieldGeneratorConfig generate = field.generate();
        String generatePath = ConfigPaths.child(path, "generate");
        if (!generate.weights().isEmpty() && generate.weights().size() != generate.values().size()) {
            errors.add(tree.error(ConfigPaths.child(generatePath, "weights"), generate.weights().size() + " weights for "
                    + generate.values().size() + " values", "give one weight per value"));
        }
        if (field.type() == FieldType.ENUM) {
            for (int i = 0; i < generate.values().size(); i++) {
                if (!field.symbols().contains(generate.values().get(i))) {
                    errors.add(tree.error(ConfigPaths.element(ConfigPaths.child(generatePath, "values"), i),
                            "'" + generate.values().get(i) + "' is not a symbol of enum field '" + field.name() + "'",
                            Suggestions.fixFor(generate.values().get(i), field.symbols(), "symbols")));
                }
            }
        }
        if (generate.distribution() != null && !Set.of("uniform", "lognormal", "normal").contains(generate.distribution())) {
            errors.add(tree.error(ConfigPaths.child(generatePath, "distribution"), "unknown distribution '" + generate.distribution() + "'",
                    Suggestions.fixFor(generate.distribution(), List.of("uniform", "lognormal", "normal"), "accepted values")));
        }
        if (generate.nullRate() != null && (generate.nullRate() < 0 || generate.nullRate() > 1)) {
            errors.add(tree.error(ConfigPaths.child(generatePath, "nullRate"), "nullRate must be between 0 and 1", null));
        }
        if (generate.nullRate() != null && generate.nullRate() > 0 && !field.optional()) {
            errors.add(tree.error(ConfigPaths.child(generatePath, "nullRate"), "field '" + field.name() + "' is not optional, so it cannot be null",
                    "set optional: true, or remove nullRate"));
        }
    }

    private void validateAggregation(DomainConfig domain, AggregationConfig aggregation, String path) {
        if (!IDENTIFIER.matcher(aggregation.name()).matches()) {
            errors.add(tree.keyError(path, "aggregation name '" + aggregation.name() + "' is not a lower_snake_case identifier", null));
        }
        EventTypeConfig event = aggregation.event() == null ? null : domain.events().get(aggregation.event());
        if (aggregation.event() != null && event == null) {
            errors.add(tree.error(ConfigPaths.child(path, "event"), "unknown event type '" + aggregation.event() + "'",
                    Suggestions.fixFor(aggregation.event(), domain.events().keySet(), "event types")));
        }
        if (aggregation.window() != null) {
            validateWindow(aggregation.window(), ConfigPaths.child(path, "window"));
        }
        if (aggregation.watermark() != null && aggregation.watermark().isNegative()) {
            errors.add(tree.error(ConfigPaths.child(path, "watermark"), "watermark delay cannot be negative", null));
        }
        if (aggregation.table() != null && !IDENTIFIER.matcher(aggregation.table()).matches()) {
            errors.add(tree.error(ConfigPaths.child(path, "table"), "table '" + aggregation.table() + "' is not a lower_snake_case identifier", null));
        }
        if (aggregation.maxOffsetsPerTrigger() != null && aggregation.maxOffsetsPerTrigger() < 1) {
            errors.add(tree.error(ConfigPaths.child(path, "maxOffsetsPerTrigger"), "maxOffsetsPerTrigger must be at least 1", null));
        }
        Set<String> columns = new HashSet<>();
        String groupByPath = ConfigPaths.child(path, "groupBy");
        for (int i = 0; i < aggregation.groupBy().size(); i++) {
            String dimensionName = aggregation.groupBy().get(i);
            String elementPath = ConfigPaths.element(groupByPath, i);
            DimensionConfig dimension = domain.dimensions().get(dimensionName);
            if (dimension == null) {
                errors.add(tree.error(elementPath, "unknown dimension '" + dimensionName + "'",
                        Suggestions.fixFor(dimensionName, domain.dimensions().keySet(), "dimensions")
                                + "; or declare it under dimensions:"));
            } else if (event != null && event.field(dimension.effectiveField()).isEmpty()) {
                errors.add(tree.error(elementPath, "dimension '" + dimensionName + "' reads field '" + dimension.effectiveField()
                        + "', which event type " + event.name() + " does not have", "fields of " + event.name() + ": " + fieldNames(event)));
            }
            if (!columns.add(dimensionName)) {
                errors.add(tree.error(elementPath, "dimension '" + dimensionName + "' is listed twice", null));
            }
        }
        String filterPath = ConfigPaths.child(path, "filter");
        for (int i = 0; i < aggregation.filter().size(); i++) {
            validateCondition(event, aggregation.filter().get(i), ConfigPaths.element(filterPath, i));
        }
        if (aggregation.measures().isEmpty()) {
            errors.add(tree.error(path, "aggregation '" + aggregation.name() + "' has no measures", "add measures: { events: { type: count } }"));
        }
        aggregation.measures().forEach((name, measure) -> {
            String measurePath = ConfigPaths.child(ConfigPaths.child(path, "measures"), name);
            if (!IDENTIFIER.matcher(name).matches()) {
                errors.add(tree.keyError(measurePath, "measure name '" + name + "' is not a lower_snake_case identifier", null));
            }
            if (RESERVED_COLUMNS.contains(name) || !columns.add(name)) {
                errors.add(tree.keyError(measurePath, "measure name '" + name + "' clashes with another column of the table",
                        "rename it (reserved: " + RESERVED_COLUMNS + " and the group-by dimensions)"));
            }
            validateMeasure(event, aggregation, measure, measurePath);
        });
        validateOnline(domain, event, aggregation, ConfigPaths.child(path, "online"));
        if (aggregation.window() != null && aggregation.window().type() == WindowType.SESSION
                && aggregation.outputMode() == OutputMode.UPDATE) {
            // Spark supports it, but rows of a session whose end moves would pile up as separate windows in ClickHouse.
            errors.add(tree.error(ConfigPaths.child(path, "outputMode"), "session windows need outputMode: append",
                    "a session's end moves while it grows, so only its final row can be stored once"));
        }
    }

    private void validateWindow(WindowConfig window, String path) {
        if (window.type() == null) {
            return;
        }
        switch (window.type()) {
            case TUMBLING -> {
                requirePositive(window.size(), ConfigPaths.child(path, "size"), path, "tumbling windows need size, e.g. size: 5 minutes");
                forbid(window.slide(), path, "slide", "tumbling windows have no slide; use type: sliding");
                forbid(window.gap(), path, "gap", "only session windows have a gap");
            }
            case SLIDING -> {
                requirePositive(window.size(), ConfigPaths.child(path, "size"), path, "sliding windows need size, e.g. size: 10 minutes");
                requirePositive(window.slide(), ConfigPaths.child(path, "slide"), path, "sliding windows need slide, e.g. slide: 1 minute");
                forbid(window.gap(), path, "gap", "only session windows have a gap");
                if (window.size() != null && window.slide() != null && window.slide().toMillis() > 0
                        && window.size().toMillis() % window.slide().toMillis() != 0) {
                    errors.add(tree.error(ConfigPaths.child(path, "slide"), "slide " + Durations.format(window.slide())
                            + " does not divide size " + Durations.format(window.size()), "pick a slide that divides the size"));
                }
            }
            case SESSION -> {
                requirePositive(window.gap(), ConfigPaths.child(path, "gap"), path, "session windows need gap, e.g. gap: 5 minutes");
                forbid(window.size(), path, "size", "session windows are sized by their gap");
                forbid(window.slide(), path, "slide", "session windows do not slide");
            }
            default -> throw new IllegalStateException("bug: window type " + window.type());
        }
    }

    private void requirePositive(Duration value, String path, String parentPath, String fix) {
        if (value == null) {
            errors.add(tree.error(parentPath, "missing required key '" + path.substring(path.lastIndexOf('/') + 1) + "'", fix));
        } else if (value.isZero() || value.isNegative()) {
            errors.add(tree.error(path, "must be longer than zero", fix));
        }
    }

    private void forbid(Duration value, String parentPath, String key, String fix) {
        if (value != null) {
            errors.add(tree.keyError(ConfigPaths.child(parentPath, key), "'" + key + "' does not apply here", fix));
        }
    }

    private void validateMeasure(EventTypeConfig event, AggregationConfig aggregation, MeasureConfig measure, String path) {
        if (measure.type() == null) {
            return;
        }
        String fieldPath = ConfigPaths.child(path, "field");
        if (measure.type().needsField()) {
            if (measure.field() == null) {
                errors.add(tree.error(path, lower(measure.type()) + " needs a field", "add field: <one of the event's fields>"));
            } else if (event != null) {
                var type = event.fieldType(measure.field());
                if (type.isEmpty()) {
                    errors.add(tree.error(fieldPath, "unknown field '" + measure.field() + "' of event type " + event.name(),
                            Suggestions.fixFor(measure.field(), event.referenceableFieldNames(), "fields")));
                } else if ((measure.type() == MeasureType.SUM || measure.type() == MeasureType.AVG
                        || measure.type() == MeasureType.APPROX_PERCENTILE) && !type.get().numeric()) {
                    errors.add(tree.error(fieldPath, lower(measure.type()) + " needs a numeric field, but '" + measure.field() + "' is "
                            + lower(type.get()), "use count, distinct or approx_distinct for non-numeric fields"));
                } else if ((measure.type() == MeasureType.MIN || measure.type() == MeasureType.MAX) && !type.get().orderable()) {
                    errors.add(tree.error(fieldPath, lower(measure.type()) + " cannot order a " + lower(type.get()) + " field", null));
                }
            }
        } else if (measure.field() != null && measure.type() == MeasureType.RATIO) {
            errors.add(tree.keyError(fieldPath, "ratio takes numerator and denominator, not field", "remove field"));
        }
        if (measure.type() == MeasureType.APPROX_PERCENTILE) {
            if (measure.percentile() == null) {
                errors.add(tree.error(path, "approx_percentile needs a percentile", "add percentile: 0.95"));
            } else if (measure.percentile() <= 0 || measure.percentile() >= 1) {
                errors.add(tree.error(ConfigPaths.child(path, "percentile"), "percentile must be between 0 and 1 (exclusive)",
                        "write 0.95 for the 95th percentile"));
            }
        }
        if (measure.type() == MeasureType.RATIO) {
            validateRatioPart(aggregation, measure.numerator(), "numerator", path);
            validateRatioPart(aggregation, measure.denominator(), "denominator", path);
            if (!measure.where().isEmpty()) {
                errors.add(tree.keyError(ConfigPaths.child(path, "where"), "a ratio divides two measures; put the condition on them", null));
            }
        }
        String wherePath = ConfigPaths.child(path, "where");
        for (int i = 0; i < measure.where().size(); i++) {
            validateCondition(event, measure.where().get(i), ConfigPaths.element(wherePath, i));
        }
    }

    private void validateRatioPart(AggregationConfig aggregation, String measureName, String key, String path) {
        if (measureName == null) {
            errors.add(tree.error(path, "ratio needs a " + key, "add " + key + ": <another measure of this aggregation>"));
            return;
        }
        MeasureConfig referenced = aggregation.measures().get(measureName);
        List<String> candidates = new ArrayList<>();
        aggregation.measures().forEach((n, m) -> {
            if (m.type() != MeasureType.RATIO) {
                candidates.add(n);
            }
        });
        if (referenced == null || referenced.type() == MeasureType.RATIO) {
            errors.add(tree.error(ConfigPaths.child(path, key), "'" + measureName + "' is not a non-ratio measure of this aggregation",
                    Suggestions.fixFor(measureName, candidates, "measures")));
        }
    }

    private void validateCondition(EventTypeConfig event, ConditionConfig condition, String path) {
        if (condition.field() == null || condition.op() == null || event == null) {
            return;
        }
        var fieldType = event.fieldType(condition.field());
        if (fieldType.isEmpty()) {
            errors.add(tree.error(ConfigPaths.child(path, "field"), "unknown field '" + condition.field() + "' of event type " + event.name(),
                    Suggestions.fixFor(condition.field(), event.referenceableFieldNames(), "fields")));
            return;
        }
        Operator op = condition.op();
        validateOperands(op, condition.value(), condition.values(), path, lower(fieldType.get()));
        if ((op == Operator.GT || op == Operator.GE || op == Operator.LT || op == Operator.LE) && !fieldType.get().orderable()) {
            errors.add(tree.error(ConfigPaths.child(path, "op"), lower(op) + " cannot compare a " + lower(fieldType.get()) + " field",
                    "use eq, ne, in or not_in"));
        }
        FieldConfig field = event.field(condition.field()).orElse(null);
        if (condition.value() != null) {
            checkConditionValue(fieldType.get(), field, condition.value(), ConfigPaths.child(path, "value"));
        }
        for (int i = 0; i < condition.values().size(); i++) {
            checkConditionValue(fieldType.get(), field, condition.values().get(i), ConfigPaths.element(ConfigPaths.child(path, "values"), i));
        }
        if ((op == Operator.IS_NULL || op == Operator.NOT_NULL) && field != null && !field.optional()) {
            errors.add(tree.error(ConfigPaths.child(path, "op"), "field '" + field.name() + "' is not optional, so it is never null",
                    "set optional: true on the field, or drop the condition"));
        }
    }

    /** Whether the condition has the value(s) its operator takes: shared by filters, where clauses and online flags. */
    private void validateOperands(Operator op, String value, List<String> values, String path, String valueHint) {
        if (op.takesValue() && value == null) {
            errors.add(tree.error(path, lower(op) + " needs a value", "add value: <" + valueHint + ">"));
        }
        if (op.takesValues() && values.isEmpty()) {
            errors.add(tree.error(path, lower(op) + " needs values", "add values: [a, b]"));
        }
        if (!op.takesValue() && value != null) {
            errors.add(tree.keyError(ConfigPaths.child(path, "value"), lower(op) + " takes no single value",
                    op.takesValues() ? "use values: [a, b]" : "remove value"));
        }
    }

    /**
     * online: needs one entity to key the Redis hash by, a positive TTL, and flags that test numeric measures of this
     * aggregation with numeric values.
     */
    private void validateOnline(DomainConfig domain, EventTypeConfig event, AggregationConfig aggregation, String path) {
        OnlineConfig online = aggregation.online();
        if (online == null || event == null) {
            return;
        }
        if (entityDimension(domain, event, aggregation).isEmpty()) {
            List<String> entityDimensions = domain.dimensions().values().stream()
                    .filter(d -> event.field(d.effectiveField()).map(f -> f.entity() != null).orElse(false))
                    .map(DimensionConfig::name).toList();
            errors.add(tree.keyError(path, "online features are kept per entity, but groupBy " + aggregation.groupBy()
                            + " is not one entity dimension",
                    entityDimensions.isEmpty()
                            ? "group by one dimension whose field declares an entity (" + event.name() + " has none), or remove online"
                            : "group by exactly one of " + entityDimensions + ", or remove online"));
        }
        if (online.ttl() != null && (online.ttl().isZero() || online.ttl().isNegative())) {
            errors.add(tree.error(ConfigPaths.child(path, "ttl"), "must be longer than zero", "write e.g. ttl: 30 minutes"));
        }
        online.flags().forEach((name, flag) -> {
            String flagPath = ConfigPaths.child(ConfigPaths.child(path, "flags"), name);
            if (!IDENTIFIER.matcher(name).matches()) {
                errors.add(tree.keyError(flagPath, "flag name '" + name + "' is not a lower_snake_case identifier", null));
            } else if (aggregation.measures().containsKey(name)) {
                errors.add(tree.keyError(flagPath, "flag name '" + name + "' is also a measure, and both would be one field of the hash",
                        "rename the flag, e.g. is_" + name));
            }
            if (flag.measure() == null || flag.op() == null) {
                return;
            }
            MeasureConfig measure = aggregation.measures().get(flag.measure());
            if (measure == null) {
                errors.add(tree.error(ConfigPaths.child(flagPath, "measure"), "unknown measure '" + flag.measure() + "' of aggregation "
                        + aggregation.name(), Suggestions.fixFor(flag.measure(), aggregation.measures().keySet(), "measures")));
                return;
            }
            if (!numericMeasure(event, measure)) {
                errors.add(tree.error(ConfigPaths.child(flagPath, "measure"), "measure '" + flag.measure() + "' is not a number ("
                        + lower(measure.type()) + " of a " + event.fieldType(measure.field()).map(DomainValidator::lower).orElse("?")
                        + " field)", "test a count, sum, avg, ratio, approx_distinct or approx_percentile measure"));
                return;
            }
            validateOperands(flag.op(), flag.value(), flag.values(), flagPath, "number");
            if (flag.value() != null) {
                checkNumber(flag.value(), ConfigPaths.child(flagPath, "value"));
            }
            for (int i = 0; i < flag.values().size(); i++) {
                checkNumber(flag.values().get(i), ConfigPaths.element(ConfigPaths.child(flagPath, "values"), i));
            }
        });
    }

    /** The one group-by dimension whose field declares an entity: what an online aggregation's hashes are keyed by. */
    static java.util.Optional<DimensionConfig> entityDimension(DomainConfig domain, EventTypeConfig event, AggregationConfig aggregation) {
        if (aggregation.groupBy().size() != 1) {
            return java.util.Optional.empty();
        }
        DimensionConfig dimension = domain.dimensions().get(aggregation.groupBy().get(0));
        if (dimension == null || event.field(dimension.effectiveField()).map(f -> f.entity() == null).orElse(true)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(dimension);
    }

    private static boolean numericMeasure(EventTypeConfig event, MeasureConfig measure) {
        if (measure.type() == null || measure.field() == null) {
            return true;  // its own error is reported under measures
        }
        return switch (measure.type()) {
            case MIN, MAX -> event.fieldType(measure.field()).map(FieldType::numeric).orElse(false);
            default -> true;
        };
    }

    private void checkNumber(String value, String path) {
        try {
            Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            errors.add(tree.error(path, "'" + value + "' is not a number", "measures are numbers; quote it like value: \"5\""));
        }
    }

    private void checkConditionValue(FieldType type, FieldConfig field, String value, String path) {
        switch (type) {
            case INT, LONG, MONEY -> {
                try {
                    Long.parseLong(value.trim());
                } catch (NumberFormatException e) {
                    errors.add(tree.error(path, "'" + value + "' is not a whole number, but the field is " + lower(type),
                            type == FieldType.MONEY ? "money is compared in cents, e.g. 1999 for 19.99" : null));
                }
            }
            case DOUBLE -> {
                try {
                    Double.parseDouble(value.trim());
                } catch (NumberFormatException e) {
                    errors.add(tree.error(path, "'" + value + "' is not a number", null));
                }
            }
            case BOOLEAN -> {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    errors.add(tree.error(path, "'" + value + "' is not true or false", null));
                }
            }
            case ENUM -> {
                if (field != null && !field.symbols().contains(value)) {
                    errors.add(tree.error(path, "'" + value + "' is not a symbol of enum field '" + field.name() + "'",
                            Suggestions.fixFor(value, field.symbols(), "symbols")));
                }
            }
            default -> {
            }
        }
    }

    private void validateGenerator(DomainConfig domain, GeneratorConfig generator, String path) {
        // sessions has required keys, so a domain without sessions: has none (the generator then makes background events only).
        if (generator.sessions() != null) {
            String sessionsPath = ConfigPaths.child(path, "sessions");
            String entity = generator.sessions().entity();
            if (entity != null && !domain.entities().containsKey(entity)) {
                errors.add(tree.error(ConfigPaths.child(sessionsPath, "entity"), "unknown entity '" + entity + "'",
                        Suggestions.fixFor(entity, domain.entities().keySet(), "entities")));
            }
            List<GeneratorConfig.FunnelStepConfig> steps = generator.sessions().steps();
            for (int i = 0; i < steps.size(); i++) {
                String stepPath = ConfigPaths.element(ConfigPaths.child(sessionsPath, "steps"), i);
                var step = steps.get(i);
                if (step.event() != null && !domain.events().containsKey(step.event())) {
                    errors.add(tree.error(ConfigPaths.child(stepPath, "event"), "unknown event type '" + step.event() + "'",
                            Suggestions.fixFor(step.event(), domain.events().keySet(), "event types")));
                }
                if (step.probability() < 0 || step.probability() > 1) {
                    errors.add(tree.error(ConfigPaths.child(stepPath, "probability"), "probability must be between 0 and 1", null));
                }
                if (step.minRepeat() < 0 || step.maxRepeat() < step.minRepeat()) {
                    errors.add(tree.error(stepPath, "need 0 <= minRepeat <= maxRepeat", null));
                }
            }
        }
        var fraud = generator.fraud();
        if (fraud.event() != null) {
            String fraudPath = ConfigPaths.child(path, "fraud");
            EventTypeConfig event = domain.events().get(fraud.event());
            if (event == null) {
                errors.add(tree.error(ConfigPaths.child(fraudPath, "event"), "unknown event type '" + fraud.event() + "'",
                        Suggestions.fixFor(fraud.event(), domain.events().keySet(), "event types")));
            } else if (fraud.labelField() != null && event.fieldType(fraud.labelField()).orElse(null) != FieldType.BOOLEAN) {
                errors.add(tree.error(ConfigPaths.child(fraudPath, "labelField"), "labelField '" + fraud.labelField()
                        + "' must be a boolean field of " + event.name(), "add { name: " + fraud.labelField() + ", type: boolean } to its fields"));
            }
            if (fraud.rate() < 0 || fraud.rate() > 1) {
                errors.add(tree.error(ConfigPaths.child(fraudPath, "rate"), "rate must be between 0 and 1", null));
            }
            for (int i = 0; i < fraud.patterns().size(); i++) {
                String pattern = fraud.patterns().get(i);
                if (!FRAUD_PATTERNS.contains(pattern)) {
                    errors.add(tree.error(ConfigPaths.element(ConfigPaths.child(fraudPath, "patterns"), i), "unknown fraud pattern '" + pattern + "'",
                            Suggestions.fixFor(pattern, FRAUD_PATTERNS.stream().sorted().toList(), "patterns")));
                }
            }
        }
        generator.backgroundEvents().forEach((name, weight) -> {
            if (!domain.events().containsKey(name)) {
                errors.add(tree.keyError(ConfigPaths.child(ConfigPaths.child(path, "backgroundEvents"), name), "unknown event type '" + name + "'",
                        Suggestions.fixFor(name, domain.events().keySet(), "event types")));
            }
        });
    }

    private static List<String> fieldNames(EventTypeConfig event) {
        return event.fields().stream().map(FieldConfig::name).toList();
    }

    private static String entityPath(String domainPath, String name) {
        return ConfigPaths.child(ConfigPaths.child(domainPath, "entities"), name);
    }

    private static String eventPath(String domainPath, String name) {
        return ConfigPaths.child(ConfigPaths.child(domainPath, "events"), name);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }

}
