package dev.sluice.testsupport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClickHouseTestDatabaseTest {

    static class A$Weird_Name123WithAVeryLongSuffixThatGoesOnAndOnAndOnForever {
    }

    @Test
    void namesAreSafeIdentifiersWithARandomSuffix() {
        String name = ClickHouseTestDatabase.nameFor(A$Weird_Name123WithAVeryLongSuffixThatGoesOnAndOnAndOnForever.class);
        assertTrue(name.matches("it_[a-z0-9_]{1,40}_[0-9a-f]{8}"), name);
        assertNotEquals(name, ClickHouseTestDatabase.nameFor(A$Weird_Name123WithAVeryLongSuffixThatGoesOnAndOnAndOnForever.class));
    }
}
