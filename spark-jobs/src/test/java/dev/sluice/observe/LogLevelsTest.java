package dev.sluice.observe;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.RollingFileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogLevelsTest {

    @Test
    void namesAreCaseInsensitiveAndAWrongOneListsTheValidOnes() {
        assertEquals(Level.DEBUG, LogLevels.parse("Debug"));
        assertEquals(Level.WARN, LogLevels.parse("warning"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogLevels.parse("verbose"));
        assertEquals("unknown log level 'verbose' (from --log-level or SLUICE_LOG_LEVEL); use one of off, error, warn, info,"
                + " debug, trace [bad config]", e.getMessage());
    }

    @Test
    void noisyLibrariesStayAtWarnUnlessAQuieterLevelIsChosen() {
        assertEquals(Level.WARN, LogLevels.noisyLevel(Level.DEBUG));
        assertEquals(Level.WARN, LogLevels.noisyLevel(Level.INFO));
        assertEquals(Level.ERROR, LogLevels.noisyLevel(Level.ERROR));
        assertEquals(Level.OFF, LogLevels.noisyLevel(Level.OFF));
    }

    @Test
    void applyChangesTheRunningConfiguration() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Level root = context.getConfiguration().getRootLogger().getLevel();
        Level sluice = LogManager.getLogger("dev.sluice").getLevel();
        try {
            LogLevels.apply("debug");
            assertEquals(Level.DEBUG, LogManager.getRootLogger().getLevel());
            assertEquals(Level.DEBUG, LogManager.getLogger("dev.sluice.observe.Anything").getLevel());
            assertEquals(Level.WARN, LogManager.getLogger("org.apache.spark.scheduler.DAGScheduler").getLevel());
        } finally {
            org.apache.logging.log4j.core.config.Configurator.setRootLevel(root);
            org.apache.logging.log4j.core.config.Configurator.setLevel("dev.sluice", sluice);
        }
    }

    @Test
    void theShippedConfigurationReadsLevelCommandAndLogDirectoryFromSystemProperties(@TempDir Path logDir) throws Exception {
        System.setProperty("sluice.log.dir", logDir.toString());
        System.setProperty("sluice.command", "run");
        System.setProperty(LogLevels.SYSTEM_PROPERTY, "debug");
        try {
            Configuration config = shippedConfiguration();
            try {
                assertEquals(Level.DEBUG, config.getRootLogger().getLevel());
                assertEquals(Level.DEBUG, config.getLoggerConfig("dev.sluice.progress").getLevel());
                assertEquals(Level.WARN, config.getLoggerConfig("org.apache.spark.sql.execution.streaming.MicroBatchExecution").getLevel());
                assertEquals(Level.WARN, config.getLoggerConfig("org.apache.kafka.clients.consumer.KafkaConsumer").getLevel());
                assertEquals(Level.WARN, config.getLoggerConfig("org.sparkproject.jetty.server.Server").getLevel());
                RollingFileAppender file = config.getAppender("file");
                assertEquals(logDir.resolve("sluice-run.log").toString(), file.getFileName());
            } finally {
                config.stop();
            }
        } finally {
            System.clearProperty("sluice.log.dir");
            System.clearProperty("sluice.command");
            System.clearProperty(LogLevels.SYSTEM_PROPERTY);
        }
    }

    @Test
    void theShippedConfigurationDefaultsToInfoAndVarLog() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(LogLevels.ENVIRONMENT_VARIABLE) == null,
                "SLUICE_LOG_LEVEL is set in this environment");
        Configuration config = shippedConfiguration();
        try {
            assertEquals(Level.INFO, config.getRootLogger().getLevel());
            assertEquals(Path.of("var/log/sluice-job.log").toString(), ((RollingFileAppender) config.getAppender("file")).getFileName());
        } finally {
            config.stop();
        }
    }

    @Test
    void thirdPartyRecordsGoToTheFileOnlyAndSluicesReachTheConsoleFromWarnUp() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(LogLevels.ENVIRONMENT_VARIABLE) == null,
                "SLUICE_LOG_LEVEL is set in this environment");
        Configuration config = shippedConfiguration();
        try {
            assertEquals(java.util.Set.of("file"), config.getRootLogger().getAppenders().keySet(), "Spark, Kafka, Jetty...: the file only");
            for (String thirdParty : List.of("org.apache.spark.util.Utils", "org.apache.kafka.clients.admin.AdminClientConfig",
                    "org.apache.spark.sql.execution.streaming.ProcessingTimeExecutor", "org.sparkproject.jetty.server.Server")) {
                org.apache.logging.log4j.core.config.LoggerConfig logger = config.getLoggerConfig(thirdParty);
                assertTrue(!logger.getAppenders().containsKey("console") && logger.getName().startsWith("org."), thirdParty + " -> " + logger.getName());
            }
            org.apache.logging.log4j.core.config.LoggerConfig sluice = config.getLoggerConfig("dev.sluice.sink.BatchWriter");
            assertEquals("dev.sluice", sluice.getName());
            org.apache.logging.log4j.core.config.AppenderRef console = sluice.getAppenderRefs().stream()
                    .filter(r -> r.getRef().equals("console")).findFirst().orElseThrow();
            assertEquals(Level.WARN, console.getLevel(), "BatchWriter's INFO lines stay in the file");
            assertEquals(Level.INFO, sluice.getLevel());
        } finally {
            config.stop();
        }
    }

    /** The main log4j2.properties (test resources have their own, which shadows it on the classpath). */
    private static Configuration shippedConfiguration() throws Exception {
        URL url = Collections.list(LogLevelsTest.class.getClassLoader().getResources("log4j2.properties")).stream()
                .filter(u -> !u.toString().contains("test-classes")).findFirst().orElseThrow();
        try (InputStream in = url.openStream()) {
            LoggerContext context = new LoggerContext("sluice-config-test");
            Configuration config = new PropertiesConfigurationFactory().getConfiguration(context, new ConfigurationSource(in, url));
            config.initialize();
            return config;
        }
    }
}
