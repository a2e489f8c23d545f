package dev.sluice.generate;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.SluiceConfig;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The shipped domains, loaded the way bin/sluice loads them, plus helpers to run the pure generator. */
final class Domains {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    private static SluiceConfig config;

    private Domains() {
    }

    static synchronized SluiceConfig config() {
        if (config == null) {
            config = ConfigLoader.forRepository(REPO, Map.of()).load("dev");
        }
        return config;
    }

    static DomainConfig payments() {
        return config().domain("payments");
    }

    static DomainConfig ecommerce() {
        return config().domain("ecommerce");
    }

    static List<GeneratedEvent> generate(DomainConfig domain, GeneratorOptions options) {
        List<GeneratedEvent> events = new ArrayList<>();
        EventGenerator.stream(domain, options).forEachRemaining(events::add);
        return events;
    }

    static GeneratorOptions options(long seed, long events) {
        return GeneratorOptions.defaults(seed, START, events);
    }
}
