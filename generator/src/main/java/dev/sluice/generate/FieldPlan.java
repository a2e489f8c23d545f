package dev.sluice.generate;

import dev.sluice.config.FieldConfig;
import dev.sluice.config.FieldType;

/** A field of an event type, compiled for the generator. */
final class FieldPlan {
    final int index;
    final FieldConfig config;
    final String name;
    final FieldType type;
    final FieldRole role;
    /** Entity index for OWNER / OWNED / SHARED, else -1. */
    final int entity;
    /** Probability that an optional entity field is null. */
    final double entityNullRate;
    /** The generator for VALUE fields (also used by fraud patterns to draw from the same distribution). */
    final FieldValueGenerator generator;
    /** Slot shared by all fields of this name that keep one value per session, or -1. */
    final int stickySlot;
    /** A place (country): owners have a home value they use most of the time. */
    final boolean location;

    FieldPlan(int index, FieldConfig config, FieldRole role, int entity, double entityNullRate,
              FieldValueGenerator generator, int stickySlot, boolean location) {
        this.index = index;
        this.config = config;
        this.name = config.name();
        this.type = config.type();
        this.role = role;
        this.entity = entity;
        this.entityNullRate = entityNullRate;
        this.generator = generator;
        this.stickySlot = stickySlot;
        this.location = location;
    }

    static boolean isLocationName(String name) {
        return name.equals("country") || name.endsWith("_country");
    }
}
