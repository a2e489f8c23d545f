package dev.sluice.console;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveViewTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong();

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTerminalGetsTheBlockRedrawnInPlace() {
        LiveView view = new LiveView(out, ConsoleMode.LIVE, Duration.ofSeconds(30), clock::get, false);

        view.show(List.of("a: 1", "b: 1"));
        view.show(List.of("a: 2", "b: 2"));

        assertEquals("\r\u001b[2Ka: 1\n\r\u001b[2Kb: 1\n" + "\u001b[2A\r\u001b[2Ka: 2\n\r\u001b[2Kb: 2\n", text(),
                "second draw moves up over the two lines and rewrites them");
    }

    @Test
    void aShorterBlockErasesTheLinesLeftBelowIt() {
        LiveView view = new LiveView(out, ConsoleMode.LIVE, Duration.ofSeconds(30), clock::get, false);
        view.show(List.of("a", "b", "c"));
        bytes.reset();

        view.show(List.of("a"));

        assertEquals("\u001b[3A\r\u001b[2Ka\n" + "\r\u001b[2K\n\r\u001b[2K\n" + "\u001b[2A", text());
    }

    @Test
    void plainOutputGetsALineAtMostOncePerIntervalAndTheLastStateOnce() {
        LiveView view = new LiveView(out, ConsoleMode.PLAIN, Duration.ofSeconds(10), clock::get, false);

        view.show(List.of("1 of 10"));
        clock.set(Duration.ofSeconds(4).toNanos());
        view.show(List.of("4 of 10"));
        clock.set(Duration.ofSeconds(11).toNanos());
        view.show(List.of("8 of 10"));
        view.last(List.of("8 of 10"));
        view.last(List.of("10 of 10"));

        assertEquals("1 of 10\n8 of 10\n10 of 10\n", text(), "no escape codes, nothing repeated");
    }

    @Test
    void offShowsNothing() {
        LiveView view = new LiveView(out, ConsoleMode.OFF, Duration.ofSeconds(1), clock::get, false);
        view.show(List.of("x"));
        view.last(List.of("y"));
        view.clear();
        assertEquals("", text());
    }

    @Test
    void aWarningWrittenToStderrBetweenDrawsIsNotOverwritten() {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try (LiveView view = new LiveView(System.err, ConsoleMode.LIVE, Duration.ofSeconds(30), clock::get, true)) {
            view.show(List.of("a: 1"));
            System.err.println("warning: something to read");
            view.show(List.of("a: 2"));
        } finally {
            System.setErr(originalErr);
        }
        String shown = err.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("warning: something to read\n\r\u001b[2Ka: 2\n"), shown);
        assertFalse(shown.contains("\u001b[1A"), "no cursor-up over the warning: " + shown);
    }
}
