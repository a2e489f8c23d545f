package dev.sluice.cli.stack;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A ClickHouse server with a configuration of our own: every path inside the data dir, every port ours, bound to
 * 127.0.0.1 only. It never touches /etc/clickhouse-server or /var/lib/clickhouse, so it runs next to a system one.
 *
 * <p>The configuration uses only settings that both Debian's 18.16 and current releases understand; settings a
 * version does not know are ignored by it (e.g. access_control_path by 18.16), which is what makes one file fit both.
 */
final class ClickHouseService implements StackService {

    private final StackLayout layout;
    private final ClickHouseInstallation installation;
    private final String password;

    ClickHouseService(StackLayout layout, ClickHouseInstallation installation) {
        this(layout, installation, "");
    }

    /** @param password the default user's password ("" for none, as the development stack runs) */
    ClickHouseService(StackLayout layout, ClickHouseInstallation installation, String password) {
        this.layout = layout;
        this.installation = installation;
        this.password = password;
    }

    @Override
    public String name() {
        return "clickhouse";
    }

    @Override
    public String address() {
        return "http://" + StackLayout.HOST + ":" + layout.ports().clickHouseHttp();
    }

    @Override
    public String endpointsKey() {
        return "clickhouse.url";
    }

    @Override
    public List<StackPorts.Port> ports() {
        return List.of(StackPorts.Port.CLICKHOUSE_HTTP, StackPorts.Port.CLICKHOUSE_NATIVE, StackPorts.Port.CLICKHOUSE_INTERSERVER);
    }

    @Override
    public HealthCheck healthCheck() {
        return HealthCheck.http(URI.create(address() + "/?query=SELECT%201"), "1",
                password.isEmpty() ? Map.of() : Map.of("X-ClickHouse-User", "default", "X-ClickHouse-Key", password));
    }

    @Override
    public String marker() {
        return configFile().toString();
    }

    @Override
    public List<Path> logFiles() {
        // Startup errors before the logger is set up go to stdout; everything later to the server's error log.
        return List.of(layout.logFile("clickhouse.log"), layout.logFile("clickhouse-server.err.log"));
    }

    @Override
    public ProcessSupervisor.Launch prepare(PrintWriter out) {
        List<String> command = new ArrayList<>(installation.serverCommand());
        for (String sub : List.of("data", "tmp", "user_files", "format_schemas", "access", "user_scripts", "user_defined")) {
            StackLayout.createDirectories(dir().resolve(sub));
        }
        StackLayout.createDirectories(layout.logDir());
        write(configFile(), configXml());
        write(usersFile(), USERS_XML.replace("<password></password>", "<password>" + xml(password) + "</password>"));
        command.add("--config-file=" + configFile());
        return new ProcessSupervisor.Launch(command, Map.of(), dir(), layout.logFile("clickhouse.log"), marker());
    }

    private String configXml() {
        StackPorts ports = layout.ports();
        return """
                <?xml version="1.0"?>
                <!-- Written by `bin/sluice stack up` on every start; edits here are overwritten. -->
                <clickhouse>
                    <logger>
                        <level>information</level>
                        <log>%s</log>
                        <errorlog>%s</errorlog>
                        <size>100M</size>
                        <count>3</count>
                    </logger>
                    <listen_host>%s</listen_host>
                    <http_port>%d</http_port>
                    <tcp_port>%d</tcp_port>
                    <interserver_http_port>%d</interserver_http_port>
                    <interserver_http_host>%s</interserver_http_host>

                    <path>%s/</path>
                    <tmp_path>%s/</tmp_path>
                    <user_files_path>%s/</user_files_path>
                    <format_schema_path>%s/</format_schema_path>
                    <access_control_path>%s/</access_control_path>
                    <user_scripts_path>%s/</user_scripts_path>
                    <user_defined_path>%s/</user_defined_path>
                    <users_config>%s</users_config>

                    <default_profile>default</default_profile>
                    <default_database>default</default_database>
                    <mark_cache_size>268435456</mark_cache_size>
                    <uncompressed_cache_size>268435456</uncompressed_cache_size>
                    <max_concurrent_queries>100</max_concurrent_queries>
                </clickhouse>
                """.formatted(
                xml(layout.logFile("clickhouse-server.log")), xml(layout.logFile("clickhouse-server.err.log")),
                StackLayout.HOST, ports.clickHouseHttp(), ports.clickHouseNative(), ports.clickHouseInterserver(), StackLayout.HOST,
                xml(dir().resolve("data")), xml(dir().resolve("tmp")), xml(dir().resolve("user_files")),
                xml(dir().resolve("format_schemas")), xml(dir().resolve("access")), xml(dir().resolve("user_scripts")),
                xml(dir().resolve("user_defined")), xml(usersFile()));
    }

    /** One passwordless user reachable from this machine only, which is all a local development stack needs. */
    private static final String USERS_XML = """
            <?xml version="1.0"?>
            <!-- Written by `bin/sluice stack up` on every start; edits here are overwritten. -->
            <clickhouse>
                <profiles>
                    <default>
                        <max_memory_usage>4000000000</max_memory_usage>
                        <load_balancing>random</load_balancing>
                    </default>
                </profiles>
                <users>
                    <default>
                        <password></password>
                        <networks>
                            <ip>127.0.0.1</ip>
                            <ip>::1</ip>
                        </networks>
                        <profile>default</profile>
                        <quota>default</quota>
                    </default>
                </users>
                <quotas>
                    <default>
                        <interval>
                            <duration>3600</duration>
                            <queries>0</queries>
                            <errors>0</errors>
                            <result_rows>0</result_rows>
                            <read_rows>0</read_rows>
                            <execution_time>0</execution_time>
                        </interval>
                    </default>
                </quotas>
            </clickhouse>
            """;

    private Path dir() {
        return layout.serviceDir("clickhouse");
    }

    private Path configFile() {
        return dir().resolve("config.xml");
    }

    private Path usersFile() {
        return dir().resolve("users.xml");
    }

    private static String xml(Path path) {
        return xml(path.toString());
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
