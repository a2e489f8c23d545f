package dev.sluice.config;

import java.time.Duration;

public record WindowConfig(
        @Required @Doc("tumbling | sliding | session") WindowType type,
        @Doc("tumbling, sliding: window length.") Duration size,
        @Doc("sliding: how far consecutive windows start apart; must divide size.") Duration slide,
        @Doc("session: inactivity gap that closes a session.") Duration gap) {

    public enum WindowType { TUMBLING, SLIDING, SESSION }
}
