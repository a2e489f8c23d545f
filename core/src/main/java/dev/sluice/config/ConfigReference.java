package dev.sluice.config;

import java.util.List;

/**
 * The reference of every config key, as Markdown: one table per kind of file, each key with its type, default and
 * description. All of it is read from the config records ({@link ConfigOptions}: their {@link Doc}, {@link Default}
 * and {@link Required} annotations), the same ones the loader binds, so the reference cannot drift from what a
 * config means. {@code bin/sluice config reference} prints it; docs/config-reference.md is its committed output.
 */
public final class ConfigReference {

    /** The command that writes the committed copy, for the header and for the test that keeps the copy current. */
    public static final String REGENERATE = "bin/sluice config reference > docs/config-reference.md";

    private ConfigReference() {
    }

    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Configuration reference\n\n");
        out.append("Every key of Sluice's configuration files: its type, the value it takes when a file leaves it out, and what it\n");
        out.append("means. Generated from the config records in `core/src/main/java/dev/sluice/config/` (their `@Doc` and `@Default`\n");
        out.append("annotations, which the loader reads too) by `").append(REGENERATE).append("`;\n");
        out.append("do not edit it by hand (a unit test fails when it differs from the generated text).\n\n");
        out.append("- An environment overlay (`environments/<env>.yaml`) takes the same keys under `platform:` and `domains.<domain>:`.\n");
        out.append("- `<event>`, `<measure>`, ... stand for names you choose (keys of a mapping); `[]` marks the elements of a list.\n");
        out.append("- Default *required*: the file must set the key. *unset*: no value unless the file sets one (the description says\n");
        out.append("  what happens then). *each key's default*: a section that, left out, is there with every key below at its default.\n");
        out.append("- A duration is ").append(Durations.ACCEPTED_FORMS).append(".\n");
        table(out, "config/platform.yaml", "Services every domain shares.", ConfigOptions.of(PlatformConfig.class));
        table(out, "config/domains/<domain>.yaml", "One business domain: its events, dimensions and aggregations.",
                ConfigOptions.of(DomainConfig.class));
        return out.toString();
    }

    private static void table(StringBuilder out, String file, String what, List<ConfigOption> options) {
        out.append("\n## ").append(file).append("\n\n").append(what).append("\n\n");
        out.append("| Key | Type | Default | Description |\n");
        out.append("|---|---|---|---|\n");
        for (ConfigOption option : options) {
            out.append("| `").append(option.path()).append("` | ").append(text(option.type())).append(" | ")
                    .append(defaultCell(option)).append(" | ").append(text(option.doc())).append(" |\n");
        }
    }

    private static String defaultCell(ConfigOption option) {
        if (option.required()) {
            return option.namedByMapKey() ? "*the map key*" : "*required*";
        }
        if (option.defaultValue().isPresent()) {
            return "`" + option.defaultValue().get() + "`";
        }
        return option.section() ? "*each key's default*" : "*unset*";
    }

    /**
     * Plain text in a table cell: '|' would end the cell, '<' would open an HTML tag (docs write {@code <topic>-value}),
     * '*' would start emphasis (docs write {@code *_current}).
     */
    private static String text(String plain) {
        return plain.replace("\\", "\\\\").replace("|", "\\|").replace("<", "\\<").replace("*", "\\*");
    }
}
