package dev.sluice.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LogSetupTest {

    @Test
    void theLogFileIsNamedAfterTheFirstWordThatIsNotAnOption() {
        assertEquals("status", LogSetup.commandName(new String[] {"status", "--env", "dev"}));
        assertEquals("run", LogSetup.commandName(new String[] {"--log-level", "debug", "run"}));
        assertEquals("stack", LogSetup.commandName(new String[] {"--env", "prod", "stack", "up"}));
        assertEquals("sluice", LogSetup.commandName(new String[] {"--help"}));
        assertEquals("sluice", LogSetup.commandName(new String[] {}));
        assertEquals("etcpasswd", LogSetup.commandName(new String[] {"../etc/passwd"}), "never a path");
    }

    @Test
    void theLevelOptionIsReadInBothSpellings() {
        assertEquals("debug", LogSetup.logLevel(new String[] {"run", "--log-level", "debug"}));
        assertEquals("warn", LogSetup.logLevel(new String[] {"run", "--log-level=warn"}));
        assertNull(LogSetup.logLevel(new String[] {"run", "--log-level"}));
    }
}
