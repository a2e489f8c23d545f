package dev.sluice.console;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextTableTest {

    @Test
    void alignsTextLeftAndNumbersRight() {
        String table = TextTable.render(List.of(
                List.of("country", "orders", "revenue"),
                List.of("US", "1200", "35210.5"),
                List.of("GB", "87", "2100")));
        assertEquals(""
                + "  country  orders  revenue\n"
                + "  -------  ------  -------\n"
                + "  US         1200  35210.5\n"
                + "  GB           87     2100\n", table);
    }

    @Test
    void saysWhenThereAreNoRows() {
        assertEquals("  a\n  -\n(no rows)\n", TextTable.render(List.of(List.of("a"))));
    }
}
