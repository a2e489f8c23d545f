package dev.sluice.endtoend;

import dev.sluice.cli.scratch.CliProcess;
import dev.sluice.cli.scratch.ScratchRepository;

import java.nio.file.Path;
import java.util.List;

/**
 * How the end-to-end tests start {@code SluiceCli} in a JVM of its own ({@link CliProcess}: the process IS the driver
 * JVM, so a kill is a real SIGKILL): with C1 only and a fresh log per child.
 */
final class ChildJob {

    /**
     * A job JVM here lives for a minute: C1 alone reaches the first batch about twice as fast as tiered C2 and costs
     * ~20% less CPU over a whole run (measured on 2 busy cores); it changes nothing the tests check.
     */
    private static final CliProcess.Launch LAUNCH = new CliProcess.Launch(List.of("-XX:TieredStopAtLevel=1"), false);

    private ChildJob() {
    }

    /**
     * @param arguments arguments of {@code SluiceCli}, e.g. {@code run --env it --domain payments --until-idle}
     * @param log       stdout and stderr of the child, replaced if it exists
     */
    static CliProcess start(ScratchRepository repository, List<String> arguments, Path log) {
        return CliProcess.start(repository, arguments, log, LAUNCH);
    }
}
