package dev.sluice.cli;

import dev.sluice.config.ConfigReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code bin/sluice config reference}, which Doc.java promised: the generated reference of every config key. */
@Command(name = "reference", mixinStandardHelpOptions = true,
        description = {"Print the reference of every config key as Markdown: key path, type, default",
                "and description, from the config records' annotations (which the loader reads too).",
                "docs/config-reference.md is its committed output, kept current by a unit test;",
                "regenerate it with: " + ConfigReference.REGENERATE})
public final class ConfigReferenceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(ConfigReference.markdown());
        out.flush();
        return 0;
    }
}
