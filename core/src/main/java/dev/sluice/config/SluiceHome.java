package dev.sluice.config;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root that holds {@code config/platform.yaml}: {@code SLUICE_HOME}, else the nearest ancestor of the working directory. */
public final class SluiceHome {

    private SluiceHome() {
    }

    public static Path resolve() {
        String home = System.getenv("SLUICE_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(ConfigLoader.PLATFORM_FILE))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find " + ConfigLoader.PLATFORM_FILE + " in " + start
                + " or any parent directory; run from the Sluice repository or set SLUICE_HOME");
    }
}
