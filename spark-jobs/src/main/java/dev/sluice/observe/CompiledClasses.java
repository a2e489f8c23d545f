package dev.sluice.observe;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Calls back once per class Spark compiles, on the compiling thread (so the caller can tell which query it was for).
 * Used by the benchmark (classes compiled per batch and query) and by the test that keeps steady-state batches from
 * compiling new code.
 *
 * <p>Spark's {@code CodeGenerator.doCompile} counts compilations only in a process-wide metric
 * ({@code CodegenMetrics.METRIC_COMPILATION_TIME}) that cannot say for which query; it also logs "Code generated in N
 * ms" at INFO on the compiling thread, once per compiled class. This listens for exactly that line on that one logger
 * (made non-additive, so the INFO lines do not reach the console or log file; its warnings still do).
 */
public final class CompiledClasses implements AutoCloseable {

    public static final String CODE_GENERATOR_LOGGER = "org.apache.spark.sql.catalyst.expressions.codegen.CodeGenerator";
    private static final String COMPILED_MESSAGE = "Code generated in ";

    private final LoggerContext context;
    private final LoggerConfig previous;
    private final Appender appender;

    private CompiledClasses(LoggerContext context, LoggerConfig previous, Appender appender) {
        this.context = context;
        this.previous = previous;
        this.appender = appender;
    }

    public static CompiledClasses watch(Runnable onCompiled) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        LoggerConfig previous = configuration.getLoggers().get(CODE_GENERATOR_LOGGER);
        Appender appender = new AbstractAppender("sluice-bench-compiled-classes", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getMessage().getFormattedMessage().startsWith(COMPILED_MESSAGE)) {
                    onCompiled.run();
                }
            }
        };
        appender.start();
        LoggerConfig watching = new LoggerConfig(CODE_GENERATOR_LOGGER, Level.INFO, false);
        watching.addAppender(appender, Level.INFO, null);
        // Warnings and errors of the code generator still go where they went before.
        LoggerConfig parent = configuration.getRootLogger();
        parent.getAppenders().values().forEach(a -> watching.addAppender(a, Level.WARN, null));
        configuration.addLogger(CODE_GENERATOR_LOGGER, watching);
        context.updateLoggers();
        return new CompiledClasses(context, previous, appender);
    }

    @Override
    public void close() {
        Configuration configuration = context.getConfiguration();
        configuration.removeLogger(CODE_GENERATOR_LOGGER);
        if (previous != null) {
            configuration.addLogger(CODE_GENERATOR_LOGGER, previous);
        }
        context.updateLoggers();
        appender.stop();
    }
}
