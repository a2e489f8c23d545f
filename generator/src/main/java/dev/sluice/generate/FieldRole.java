package dev.sluice.generate;

/** How the value of a field is chosen. */
enum FieldRole {
    /** The session owner's id (the user of a session). */
    OWNER,
    /** An id of an entity owned by the session owner (that user's card, device, session). */
    OWNED,
    /** An id any event may use (merchant, product), drawn with popularity skew. */
    SHARED,
    /** The fraud label: false, true only in events a fraud pattern produced. */
    LABEL,
    /** Everything else: drawn by the field's {@link FieldValueGenerator}. */
    VALUE
}
