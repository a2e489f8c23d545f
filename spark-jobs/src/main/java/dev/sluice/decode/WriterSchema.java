package dev.sluice.decode;

import org.apache.avro.Schema;

/** One registered version of an event's subject: the schema a producer may have written with, and its global id. */
public record WriterSchema(int id, int version, Schema schema) {
}
