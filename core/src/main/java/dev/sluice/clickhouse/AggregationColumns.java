package dev.sluice.clickhouse;

import dev.sluice.config.AggregationConfig;
import dev.sluice.config.ConditionConfig;
import dev.sluice.config.DimensionConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.FieldConfig;
import dev.sluice.config.FieldType;
import dev.sluice.config.MeasureConfig;
import dev.sluice.config.WindowConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The output contract of one aggregation, shared by the Spark query compiler and the ClickHouse DDL: the ordered
 * columns of the DataFrame each micro-batch writes, and of the table it is written to.
 *
 * <p>Order: {@code window_start}, {@code window_end}, each group-by dimension by its dimension name, each measure by
 * its name, then the bookkeeping columns {@code _version} and {@code _query} (which the sink adds to every row) and
 * {@code _written_at} (filled by ClickHouse at insert time, never sent).
 *
 * <p>Rules the Spark side must honour:
 * <ul>
 *   <li>Window bounds are UTC instants (Spark timestamp).</li>
 *   <li>Every dimension is a non-null string: the field value cast to string, and the empty string {@code ''} when
 *       the event has no value (optional fields). Keeping dimensions non-null keeps them usable in the table key
 *       (ClickHouse forbids Nullable key columns by default) and makes "no value" a group SQL users can select.</li>
 *   <li>count, distinct and approx_distinct are never null (0 for no events); sum is never null (coalesce to 0).</li>
 *   <li>avg, min, max and approx_percentile are nullable exactly when the measure has a {@code where} or its field is
 *       optional, because then a group may have no contributing value; ratio is always nullable (zero denominator).</li>
 *   <li>{@code _version} must grow with every write of the same window and group, so that a later write replaces an
 *       earlier one; re-writing identical rows with the same version is harmless (see {@link dev.sluice.clickhouse.ledger.BatchLedger#nextVersion}).</li>
 * </ul>
 */
public record AggregationColumns(String domain, String aggregation, String table, WindowConfig window, List<OutputColumn> columns) {

    public static final String WINDOW_START = "window_start";
    public static final String WINDOW_END = "window_end";
    public static final String VERSION = "_version";
    public static final String QUERY = "_query";
    public static final String WRITTEN_AT = "_written_at";

    public AggregationColumns {
        columns = List.copyOf(columns);
    }

    /** The ClickHouse table an aggregation writes to: its {@code table} setting, or {@code <domain>_<aggregation>}. */
    public static String tableName(DomainConfig domain, AggregationConfig aggregation) {
        return aggregation.table() != null && !aggregation.table().isBlank()
                ? aggregation.table()
                : domain.name() + "_" + aggregation.name();
    }

    public static AggregationColumns of(DomainConfig domain, AggregationConfig aggregation) {
        EventTypeConfig event = domain.event(aggregation.event());
        WindowConfig window = aggregation.window();
        List<OutputColumn> columns = new ArrayList<>();
        columns.add(new OutputColumn(WINDOW_START, ColumnRole.WINDOW_START, LogicalType.TIMESTAMP, false, windowStartComment(window), false));
        columns.add(new OutputColumn(WINDOW_END, ColumnRole.WINDOW_END, LogicalType.TIMESTAMP, false, windowEndComment(window), false));
        for (String dimensionName : aggregation.groupBy()) {
            columns.add(dimensionColumn(domain, aggregation, event, dimensionName));
        }
        for (MeasureConfig measure : aggregation.measures().values()) {
            columns.add(measureColumn(aggregation, event, measure));
        }
        columns.add(new OutputColumn(VERSION, ColumnRole.BOOKKEEPING, LogicalType.UINT64, false,
                "Write version: the row with the highest version per window and group is the current one.", false));
        columns.add(new OutputColumn(QUERY, ColumnRole.BOOKKEEPING, LogicalType.STRING, false,
                "Streaming query or replay that wrote the row.", true));
        columns.add(new OutputColumn(WRITTEN_AT, ColumnRole.SERVER_FILLED, LogicalType.TIMESTAMP, false,
                "When ClickHouse received the row, UTC.", false));
        return new AggregationColumns(domain.name(), aggregation.name(), tableName(domain, aggregation), window, columns);
    }

    public List<OutputColumn> dimensions() {
        return withRole(ColumnRole.DIMENSION);
    }

    public List<OutputColumn> measures() {
        return withRole(ColumnRole.MEASURE);
    }

    /** Columns every insert body carries, in table order (everything except {@link #WRITTEN_AT}). */
    public List<OutputColumn> insertColumns() {
        return columns.stream().filter(OutputColumn::inInsertBody).toList();
    }

    public List<String> insertColumnNames() {
        return insertColumns().stream().map(OutputColumn::name).toList();
    }

    /**
     * The columns that identify one row: the dimensions, then the window. A session window's end moves while the
     * session is open (update mode re-emits it with a later end), so only its start identifies it; a tumbling or
     * sliding window's end follows from its start and is kept in the identity so the key reads naturally.
     */
    public List<String> identity() {
        List<String> identity = new ArrayList<>();
        dimensions().forEach(d -> identity.add(d.name()));
        identity.add(WINDOW_START);
        if (window.type() != WindowConfig.WindowType.SESSION) {
            identity.add(WINDOW_END);
        }
        return identity;
    }

    public OutputColumn column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("aggregation '" + aggregation + "' has no output column '" + name + "'"));
    }

    private List<OutputColumn> withRole(ColumnRole role) {
        return columns.stream().filter(c -> c.role() == role).toList();
    }

    private static OutputColumn dimensionColumn(DomainConfig domain, AggregationConfig aggregation, EventTypeConfig event, String dimensionName) {
        DimensionConfig dimension = domain.dimensions().get(dimensionName);
        if (dimension == null) {
            throw new IllegalArgumentException("aggregation '" + aggregation.name() + "' groups by '" + dimensionName
                    + "', which is not a dimension of domain '" + domain.name() + "'; add it under dimensions [bad config]");
        }
        String fieldName = dimension.effectiveField();
        FieldType fieldType = event.fieldType(fieldName).orElseThrow(() -> new IllegalArgumentException(
                "dimension '" + dimensionName + "' reads field '" + fieldName + "', which event '" + event.name()
                        + "' of aggregation '" + aggregation.name() + "' does not have [bad config]"));
        Optional<FieldConfig> field = event.field(fieldName);
        boolean optional = field.map(FieldConfig::optional).orElse(false);
        boolean entityId = field.map(f -> f.entity() != null).orElse(false) || EventTypeConfig.EVENT_ID.equals(fieldName);
        boolean lowCardinality = switch (fieldType) {
            case ENUM, BOOLEAN -> true;
            case STRING -> !entityId;
            default -> false;
        };
        String doc = dimension.doc() != null && !dimension.doc().isBlank() ? dimension.doc().strip() : "Dimension " + dimensionName + ".";
        String comment = sentence(doc) + (fieldName.equals(dimensionName) ? "" : " From field " + fieldName + ".")
                + (optional ? " Empty string when the event has no value." : "");
        return new OutputColumn(dimensionName, ColumnRole.DIMENSION, LogicalType.STRING, false, comment, lowCardinality);
    }

    private static OutputColumn measureColumn(AggregationConfig aggregation, EventTypeConfig event, MeasureConfig measure) {
        boolean conditional = !measure.where().isEmpty();
        FieldType fieldType = null;
        boolean optionalField = false;
        if (measure.type().needsField()) {
            if (measure.field() == null) {
                throw new IllegalArgumentException("measure '" + measure.name() + "' of aggregation '" + aggregation.name()
                        + "' is " + lower(measure.type()) + " and needs a field [bad config]");
            }
            fieldType = event.fieldType(measure.field()).orElseThrow(() -> new IllegalArgumentException(
                    "measure '" + measure.name() + "' of aggregation '" + aggregation.name() + "' reads field '" + measure.field()
                            + "', which event '" + event.name() + "' does not have [bad config]"));
            optionalField = event.field(measure.field()).map(FieldConfig::optional).orElse(false);
        }
        boolean mayBeEmpty = conditional || optionalField;
        LogicalType type;
        boolean nullable;
        boolean lowCardinality = false;
        switch (measure.type()) {
            case COUNT, DISTINCT, APPROX_DISTINCT -> { type = LogicalType.UINT64; nullable = false; }
            case SUM -> { type = numericType(aggregation, measure, fieldType); nullable = false; }
            case AVG, APPROX_PERCENTILE -> { requireNumeric(aggregation, measure, fieldType); type = LogicalType.FLOAT64; nullable = mayBeEmpty; }
            case MIN, MAX -> {
                type = switch (fieldType) {
                    case INT, LONG, MONEY -> LogicalType.INT64;
                    case DOUBLE -> LogicalType.FLOAT64;
                    case TIMESTAMP -> LogicalType.TIMESTAMP;
                    case STRING, ENUM -> LogicalType.STRING;
                    case BOOLEAN -> throw new IllegalArgumentException("measure '" + measure.name() + "' of aggregation '"
                            + aggregation.name() + "' takes the " + lower(measure.type()) + " of boolean field '" + measure.field()
                            + "'; use a count with where instead [bad config]");
                };
                lowCardinality = fieldType == FieldType.ENUM;
                nullable = mayBeEmpty;
            }
            case RATIO -> { type = LogicalType.FLOAT64; nullable = true; }
            default -> throw new IllegalStateException("measure type " + measure.type() + " has no column type [bug]");
        }
        return new OutputColumn(measure.name(), ColumnRole.MEASURE, type, nullable, measureComment(measure), lowCardinality);
    }

    private static LogicalType numericType(AggregationConfig aggregation, MeasureConfig measure, FieldType fieldType) {
        requireNumeric(aggregation, measure, fieldType);
        return fieldType == FieldType.DOUBLE ? LogicalType.FLOAT64 : LogicalType.INT64;
    }

    private static void requireNumeric(AggregationConfig aggregation, MeasureConfig measure, FieldType fieldType) {
        if (!fieldType.numeric()) {
            throw new IllegalArgumentException("measure '" + measure.name() + "' of aggregation '" + aggregation.name() + "' is "
                    + lower(measure.type()) + " of field '" + measure.field() + "', which is " + lower(fieldType)
                    + ", not a number [bad config]");
        }
    }

    static String windowStartComment(WindowConfig window) {
        return switch (window.type()) {
            case TUMBLING -> "Start of the " + Durations.describe(window.size()) + " tumbling window (inclusive), UTC.";
            case SLIDING -> "Start of the " + Durations.describe(window.size()) + " window sliding every "
                    + Durations.describe(window.slide()) + " (inclusive), UTC.";
            case SESSION -> "Start of the session (its first event; a " + Durations.describe(window.gap())
                    + " pause ends a session), UTC.";
        };
    }

    static String windowEndComment(WindowConfig window) {
        return window.type() == WindowConfig.WindowType.SESSION
                ? "End of the session (its last event plus the gap), UTC."
                : "End of the window (exclusive), UTC.";
    }

    static String measureComment(MeasureConfig measure) {
        String what = switch (measure.type()) {
            case COUNT -> "number of events";
            case SUM -> "sum of " + measure.field();
            case AVG -> "mean of " + measure.field();
            case MIN -> "smallest " + measure.field();
            case MAX -> "largest " + measure.field();
            case DISTINCT -> "number of distinct " + measure.field();
            case APPROX_DISTINCT -> "approximate number of distinct " + measure.field()
                    + " (relative error " + trim(measure.relativeError()) + ")";
            case APPROX_PERCENTILE -> "approximate " + percentileName(measure.percentile()) + " percentile of " + measure.field();
            case RATIO -> measure.numerator() + " / " + measure.denominator() + ", null when " + measure.denominator() + " is 0";
        };
        if (!measure.where().isEmpty()) {
            what += " where " + measure.where().stream().map(AggregationColumns::conditionText).collect(Collectors.joining(" and "));
        }
        if (measure.doc() != null && !measure.doc().isBlank()) {
            return sentence(measure.doc().strip()) + " (" + what + ")";
        }
        return sentence(Character.toUpperCase(what.charAt(0)) + what.substring(1));
    }

    static String conditionText(ConditionConfig condition) {
        return switch (condition.op()) {
            case EQ -> condition.field() + " = " + condition.value();
            case NE -> condition.field() + " != " + condition.value();
            case GT -> condition.field() + " > " + condition.value();
            case GE -> condition.field() + " >= " + condition.value();
            case LT -> condition.field() + " < " + condition.value();
            case LE -> condition.field() + " <= " + condition.value();
            case IN -> condition.field() + " in (" + String.join(", ", condition.values()) + ")";
            case NOT_IN -> condition.field() + " not in (" + String.join(", ", condition.values()) + ")";
            case IS_NULL -> condition.field() + " is null";
            case NOT_NULL -> condition.field() + " is not null";
        };
    }

    private static String percentileName(Double percentile) {
        if (percentile == null) {
            return "";
        }
        String n = trim(percentile * 100);
        String suffix = n.endsWith("1") && !n.endsWith("11") ? "st" : n.endsWith("2") && !n.endsWith("12") ? "nd"
                : n.endsWith("3") && !n.endsWith("13") ? "rd" : "th";
        return n + suffix;
    }

    private static String trim(double value) {
        String s = java.math.BigDecimal.valueOf(value).setScale(6, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return s;
    }

    private static String sentence(String text) {
        return text.endsWith(".") || text.endsWith("!") || text.endsWith("?") ? text : text + ".";
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
