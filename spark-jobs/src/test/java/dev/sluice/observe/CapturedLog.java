package dev.sluice.observe;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Collects the messages of one log4j2 logger while open, to assert on what a class logs. */
final class CapturedLog implements AutoCloseable {

    private final StringWriter out = new StringWriter();
    private final String loggerName;
    private final WriterAppender appender;

    CapturedLog(String loggerName) {
        this.loggerName = loggerName;
        Configurator.setLevel(loggerName, Level.INFO);
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        appender = WriterAppender.newBuilder().setName("capture-" + UUID.randomUUID()).setTarget(out)
                .setLayout(PatternLayout.newBuilder().withPattern("%m%n").build()).build();
        appender.start();
        context.getConfiguration().addAppender(appender);
        LoggerConfig config = context.getConfiguration().getLoggerConfig(loggerName);
        config.addAppender(appender, Level.INFO, null);
        context.updateLoggers();
    }

    synchronized List<String> lines() {
        String text = out.toString();
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getLoggerConfig(loggerName).removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
