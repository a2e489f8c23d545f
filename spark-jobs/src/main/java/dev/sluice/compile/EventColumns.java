package dev.sluice.compile;

import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.FieldConfig;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a DECODED event DataFrame, the compiler's input: {@code event_id} (string), {@code event_time}
 * (timestamp), then the event's fields in config order with {@link SparkTypes} types. Decoding produces exactly this;
 * replay and tests build it directly.
 */
public final class EventColumns {

    private EventColumns() {
    }

    public static StructType schema(EventTypeConfig event) {
        List<StructField> fields = new ArrayList<>(event.fields().size() + 2);
        fields.add(DataTypes.createStructField(EventTypeConfig.EVENT_ID, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(EventTypeConfig.EVENT_TIME, DataTypes.TimestampType, false));
        for (FieldConfig field : event.fields()) {
            fields.add(DataTypes.createStructField(field.name(), SparkTypes.of(field.type()), field.optional()));
        }
        return DataTypes.createStructType(fields);
    }
}
