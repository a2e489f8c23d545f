package dev.sluice.registry;

import java.util.List;

/** The registry's verdict on a candidate schema; messages explain a break when the registry gives reasons. */
public record CompatibilityResult(boolean compatible, List<String> messages) {

    public CompatibilityResult {
        messages = List.copyOf(messages);
    }
}
