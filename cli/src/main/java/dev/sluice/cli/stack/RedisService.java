package dev.sluice.cli.stack;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Redis for online features, with a configuration of our own: its port, bound to 127.0.0.1 only, data in the data
 * dir. It never touches /etc/redis or /var/lib/redis, so it runs next to a system Redis. The append-only file keeps
 * the features across a stop/start (an outage test stops it and expects nothing lost).
 */
final class RedisService implements StackService {

    private final StackLayout layout;
    private final NativeInstallation installation;

    RedisService(StackLayout layout, NativeInstallation installation) {
        this.layout = layout;
        this.installation = installation;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public String address() {
        return "redis://" + StackLayout.HOST + ":" + layout.ports().redis();
    }

    @Override
    public String endpointsKey() {
        return "redis.url";
    }

    @Override
    public List<StackPorts.Port> ports() {
        return List.of(StackPorts.Port.REDIS);
    }

    @Override
    public HealthCheck healthCheck() {
        return HealthCheck.redisPing(StackLayout.HOST, layout.ports().redis());
    }

    @Override
    public String marker() {
        return configFile().toString();
    }

    @Override
    public List<Path> logFiles() {
        return List.of(layout.logFile("redis.log"));
    }

    @Override
    public ProcessSupervisor.Launch prepare(PrintWriter out) {
        Path binary = installation.binary();
        StackLayout.createDirectories(dir().resolve("data"));
        StackLayout.createDirectories(layout.logDir());
        write(configFile(), """
                # Written by `bin/sluice stack up` on every start; edits here are overwritten.
                port %d
                bind %s
                protected-mode yes
                daemonize no
                # Redis rewrites its process title; keep this file in it, the marker that ties the pid file to this stack.
                proc-title-template "{title} {listen-addr} {server-mode} {config-file}"
                # Logs go to stdout, which the supervisor writes to %s.
                logfile ""
                dir %s
                # Every write in the append-only file, flushed each second; no RDB snapshots on top.
                appendonly yes
                appendfsync everysec
                save ""
                """.formatted(layout.ports().redis(), StackLayout.HOST, layout.logFile("redis.log"), dir().resolve("data")));
        return new ProcessSupervisor.Launch(List.of(binary.toString(), configFile().toString()), Map.of(), dir(),
                layout.logFile("redis.log"), marker());
    }

    private Path dir() {
        return layout.serviceDir("redis");
    }

    private Path configFile() {
        return dir().resolve("redis.conf");
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
