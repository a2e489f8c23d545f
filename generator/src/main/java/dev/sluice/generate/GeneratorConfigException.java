package dev.sluice.generate;

import java.util.List;

/**
 * The domain's generator settings cannot be turned into a generator (bad config: fix the YAML, retrying will not help).
 * Lists every problem found, each naming the field and the fix.
 */
public final class GeneratorConfigException extends RuntimeException {

    private final List<String> problems;

    public GeneratorConfigException(String domain, List<String> problems) {
        super("bad config: the generator cannot use domain '" + domain + "':\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
