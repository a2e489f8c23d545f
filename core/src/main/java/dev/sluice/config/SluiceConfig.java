package dev.sluice.config;

import java.util.List;
import java.util.Map;

/**
 * The effective configuration for one environment: platform settings plus every domain, after the
 * environment overlay has been merged and all {@code ${...}} references resolved.
 */
public record SluiceConfig(String environment, PlatformConfig platform, Map<String, DomainConfig> domains) {

    public DomainConfig domain(String name) {
        DomainConfig domain = domains.get(name);
        if (domain == null) {
            throw new IllegalArgumentException("unknown domain '" + name + "'; configured domains: " + List.copyOf(domains.keySet()));
        }
        return domain;
    }
}
