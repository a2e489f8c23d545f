package dev.sluice.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-class database helper: created empty, isolated by name, gone after drop. */
@ExtendWith(RealStack.class)
class ClickHouseTestDatabaseIT {

    @Test
    void injectedDatabaseExistsAndStartsEmpty(ClickHouseTestDatabase database) {
        assertTrue(database.name().startsWith("it_clickhousetestdatabaseit_"), database.name());
        assertEquals("1\n", database.sql("SELECT count() FROM system.databases WHERE name = '" + database.name() + "'"));
        assertEquals("0\n", database.sql("SELECT count() FROM system.tables WHERE database = '" + database.name() + "'"));
    }

    @Test
    void everyTestOfAClassGetsTheSameDatabase(ClickHouseTestDatabase first, ClickHouseTestDatabase second) {
        assertEquals(first.name(), second.name());
    }

    @Test
    void dropRemovesTheDatabase(StackEndpoints stack) {
        ClickHouseTestDatabase scratch = ClickHouseTestDatabase.create(stack.clickhouseUrl(), getClass());
        ClickHouseHttp http = new ClickHouseHttp(stack.clickhouseUrl());
        String exists = "SELECT count() FROM system.databases WHERE name = '" + scratch.name() + "'";
        assertEquals("1\n", http.execute(null, exists));
        scratch.drop();
        assertEquals("0\n", http.execute(null, exists));
        assertNotEquals(scratch.name(), ClickHouseTestDatabase.nameFor(getClass()), "names are random per instance");
    }
}
