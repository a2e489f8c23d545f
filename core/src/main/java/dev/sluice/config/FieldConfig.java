package dev.sluice.config;

import java.util.List;

public record FieldConfig(
        @Required @Doc("Field name, snake_case; becomes the Avro field and the column name.") String name,
        @Required @Doc("string | int | long | double | boolean | money (long cents) | timestamp (timestamp-millis) | enum") FieldType type,
        @Doc("Documentation copied into the Avro schema.") String doc,
        @Default("false") @Doc("Optional fields are Avro unions [\"null\", T] with default null.") boolean optional,
        @Doc("enum: the allowed symbols.") List<String> symbols,
        @Doc("The entity whose id this field holds (entities key); the generator draws it from that entity's pool.") String entity,
        @Doc("money: ISO currency of amounts when the event has no currency field (documentation only).") String currency,
        @Doc("How the generator fills this field.") FieldGeneratorConfig generate) {
}
