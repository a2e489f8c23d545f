package dev.sluice.spark;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobArgumentsTest {

    @Test
    void parsesWhatBinSluiceRunPasses() {
        JobArguments args = JobArguments.parse(new String[] {"--env", "staging", "--domain", "payments", "--aggregation", "a",
                "--aggregation", "b", "--until-idle", "--idle-triggers", "5"});
        assertEquals(new JobArguments("staging", "payments", List.of("a", "b"), true, 5), args);
    }

    @Test
    void namesTheMistake() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> JobArguments.parse(new String[] {"--env", "dev"}));
        assertTrue(missing.getMessage().startsWith("--domain is required"), missing.getMessage());
        IllegalArgumentException noValue = assertThrows(IllegalArgumentException.class, () -> JobArguments.parse(new String[] {"--domain", "--until-idle"}));
        assertTrue(noValue.getMessage().startsWith("--domain needs a value"), noValue.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> JobArguments.parse(new String[] {"--domian", "x"}));
        assertTrue(unknown.getMessage().startsWith("unknown argument '--domian'"), unknown.getMessage());
    }
}
