package dev.sluice.checkpoint;

import dev.sluice.config.CheckpointConfig;
import dev.sluice.config.ConfigDefaults;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where each streaming query keeps its checkpoint: {@code <checkpoints.location>/<env>/<domain>/<aggregation>}.
 * The job and {@code sluice status} must agree on it, so both ask this class.
 *
 * <p>A relative location (the shipped {@code var/checkpoints}) is relative to the repository root
 * ({@code SLUICE_HOME}), not to whichever directory a command was started from; a URI with a scheme
 * ({@code hdfs://}, {@code s3a://}, {@code file:/}) or an absolute path is used as is.
 */
public final class CheckpointLayout {

    private CheckpointLayout() {
    }

    /** The checkpoint root of an environment's queries, as Spark takes it ({@code checkpointLocation} option). */
    public static String environmentRoot(CheckpointConfig config, Path home, String environment) {
        return join(root(config, home), environment);
    }

    public static String queryLocation(CheckpointConfig config, Path home, String environment, String domain, String aggregation) {
        return join(join(environmentRoot(config, home, environment), domain), aggregation);
    }

    static String root(CheckpointConfig config, Path home) {
        // location: "" (e.g. an unset ${env:...:-}) means the default, as leaving the key out does.
        String location = config.location().isBlank() ? ConfigDefaults.of(CheckpointConfig.class).location() : config.location().strip();
        if (hasScheme(location) || Path.of(location).isAbsolute()) {
            return location;
        }
        return home.resolve(location).normalize().toString();
    }

    private static boolean hasScheme(String location) {
        try {
            String scheme = URI.create(location).getScheme();
            // A Windows drive letter parses as a one-letter scheme; it is a path.
            return scheme != null && scheme.length() > 1;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String join(String parent, String child) {
        return parent.endsWith("/") ? parent + child : parent + "/" + child;
    }
}
