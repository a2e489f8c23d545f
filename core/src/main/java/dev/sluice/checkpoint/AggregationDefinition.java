package dev.sluice.checkpoint;

import dev.sluice.config.AggregationConfig;
import dev.sluice.config.ConditionConfig;
import dev.sluice.config.DimensionConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.FieldType;
import dev.sluice.config.MeasureConfig;
import dev.sluice.config.WindowConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What a streaming query's checkpoint state and table rows mean, as canonical text lines: the input (event type,
 * topic, types of the fields used), the window, the group-by, the filter, de-duplication, output mode, table, and
 * every measure. Two configs with the same definition compute the same rows from the same events, so a query may
 * resume the other's checkpoint; any difference means the state and the rows already written were computed another
 * way, and resuming would silently mix both.
 *
 * <p>Left out on purpose, because changing them between runs is safe: descriptions and docs, the trigger, records per
 * trigger, the starting offsets (used only by a new checkpoint) and the watermark delay (it only moves where future
 * batches draw the line for late events; the late-events table records every event it drops).
 */
public record AggregationDefinition(List<String> lines) {

    /** The file next to a query's checkpoint that holds the definition it was started with. */
    public static final String FILE_NAME = "sluice-aggregation-definition.txt";
    private static final String HEADER = "# Written by the Sluice streaming job when this checkpoint was first used; compared at every start.";

    public AggregationDefinition {
        lines = List.copyOf(lines);
    }

    public static AggregationDefinition of(DomainConfig domain, AggregationConfig aggregation, String table) {
        EventTypeConfig event = domain.event(aggregation.event());
        List<String> lines = new ArrayList<>();
        lines.add("event: " + event.name() + " from topic " + event.topic());
        lines.add("window: " + window(aggregation.window()));
        for (String dimension : aggregation.groupBy()) {
            DimensionConfig config = domain.dimensions().get(dimension);
            String field = config == null ? dimension : config.effectiveField();
            lines.add("group by: " + dimension + " = " + typed(event, field));
        }
        for (ConditionConfig condition : aggregation.filter()) {
            lines.add("filter: " + condition(event, condition));
        }
        lines.add("deduplicate: " + aggregation.deduplicate());
        lines.add("output mode: " + lower(aggregation.outputMode()));
        lines.add("table: " + table);
        for (MeasureConfig measure : aggregation.measures().values()) {
            lines.add("measure " + measure.name() + ": " + measure(event, measure));
        }
        return new AggregationDefinition(lines);
    }

    /** SHA-256 of the lines, for logs. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("bug: no SHA-256 in this JVM", e);
        }
    }

    /** The file's content: a comment line, then one line per part. */
    public String toFileText() {
        return HEADER + "\n" + String.join("\n", lines) + "\n";
    }

    public static AggregationDefinition parse(String text) {
        return new AggregationDefinition(text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
    }

    /** Lines only in {@code before} as "- ...", lines only in this as "+ ...", in order. */
    public List<String> changesSince(AggregationDefinition before) {
        List<String> changes = new ArrayList<>();
        before.lines.stream().filter(l -> !lines.contains(l)).forEach(l -> changes.add("- " + l));
        lines.stream().filter(l -> !before.lines.contains(l)).forEach(l -> changes.add("+ " + l));
        return changes;
    }

    private static String window(WindowConfig window) {
        return switch (window.type()) {
            case TUMBLING -> "tumbling size " + window.size();
            case SLIDING -> "sliding size " + window.size() + " slide " + window.slide();
            case SESSION -> "session gap " + window.gap();
        };
    }

    private static String condition(EventTypeConfig event, ConditionConfig condition) {
        ConditionConfig.Operator op = condition.op();
        String text = typed(event, condition.field()) + " " + lower(op);
        if (op.takesValues()) {
            return text + " " + condition.values();
        }
        return op.takesValue() ? text + " '" + condition.value() + "'" : text;
    }

    private static String measure(EventTypeConfig event, MeasureConfig measure) {
        StringBuilder text = new StringBuilder(lower(measure.type()));
        switch (measure.type()) {
            case COUNT -> { }
            case RATIO -> text.append(" ").append(measure.numerator()).append(" / ").append(measure.denominator());
            case APPROX_PERCENTILE -> text.append(" of ").append(typed(event, measure.field())).append(" at ").append(measure.percentile());
            case APPROX_DISTINCT -> text.append(" of ").append(typed(event, measure.field())).append(" within ").append(measure.relativeError());
            // distinct falls through to default: its text is "distinct of <field>", unlike approx_distinct's
            default -> text.append(" of ").append(typed(event, measure.field()));
        }
        if (!measure.where().isEmpty()) {
            text.append(" where ");
            List<String> conditions = measure.where().stream().map(c -> condition(event, c)).toList();
            text.append(String.join(" and ", conditions));
        }
        return text.toString();
    }

    private static String typed(EventTypeConfig event, String field) {
        return field + ":" + event.fieldType(field).map(FieldType::name).map(t -> t.toLowerCase(Locale.ROOT)).orElse("?");
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
