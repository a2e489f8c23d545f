package dev.sluice.bench;

/**
 * Steps a run may leave out (--skip) to iterate quickly on one figure; preload, baseline and pipeline catch-up always
 * run, since every other figure is read against them. A skipped figure shows as "skipped" and its target is not checked.
 */
public enum OptionalStep {
    REPLAY, SINK, FRESHNESS
}
