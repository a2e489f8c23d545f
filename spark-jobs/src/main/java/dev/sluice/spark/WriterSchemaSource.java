package dev.sluice.spark;

import dev.sluice.decode.WriterSchema;

import java.util.List;

/**
 * The registered versions of one event type's subject. Asked when a query's plan is built and again when a batch
 * holds ids the plan does not know. Registry outages must be thrown (retriable), never answered with an empty or
 * partial list, or good records would be dead-lettered.
 */
@FunctionalInterface
public interface WriterSchemaSource {
    List<WriterSchema> writerSchemas();
}
