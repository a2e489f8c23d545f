package dev.sluice.generate;

import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void print() {
        for (var d : new dev.sluice.config.DomainConfig[]{Domains.payments(), Domains.ecommerce()}) {
            var events = Domains.generate(d, Domains.options(7, 40).withLate(0.1, java.time.Duration.ofMinutes(10), GeneratorOptions.LateDistribution.EXPONENTIAL).withMalformed(0.05));
            events.forEach(e -> System.out.println(java.time.Instant.ofEpochMilli(e.eventTime()) + " s" + e.session() + " " + e));
        }
    }
}
