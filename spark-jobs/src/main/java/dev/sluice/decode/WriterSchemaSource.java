package dev.sluice.decode;


import java.util.List;

/**
 * The registered versions of one event type's subject. Asked when a query's plan is built and again when a batch
 * holds ids the plan does not know. Registry outages must be thrown (retriable), never answered with an empty or
 * partial list, or good records would be dead-lettered.
 */
@FunctionalInterface
public interface WriterSchemaSource {

    /** The registered versions now; throws when the registry cannot say. */
    List<WriterSchema> writerSchemas();

    /**
     * The versions to build a query's plan with. May be the last complete answer when the registry is unreachable:
     * records of ids registered since are UNKNOWN_SCHEMA_ID in the plan and checked against {@link #writerSchemas}
     * before anything is written, so a stale list delays them but never dead-letters them.
     */
    default List<WriterSchema> forPlan() {
        return writerSchemas();
    }
}
