package dev.sluice.cli.stack;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** The ClickHouse server binary ({@link NativeInstallation}, installing Debian's package when it is missing). */
final class ClickHouseInstallation {

    static final String BINARY_ENV = NativeInstallation.CLICKHOUSE.binaryEnv();

    private final NativeInstallation installation;

    ClickHouseInstallation(StackLayout layout, PrintWriter out) {
        this.installation = new NativeInstallation(layout, out, NativeInstallation.CLICKHOUSE);
    }

    /**
     * The command prefix that starts a server: {@code [clickhouse-server]}, or {@code [clickhouse, server]} for the
     * single multi-tool binary that current ClickHouse releases ship (pointed at by SLUICE_STACK_CLICKHOUSE_BIN).
     */
    List<String> serverCommand() {
        Path found = installation.binary();
        return found.getFileName().toString().equals("clickhouse")
                ? List.of(found.toString(), "server")
                : List.of(found.toString());
    }
}
