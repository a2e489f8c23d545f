package dev.sluice.clickhouse.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP forwarder on 127.0.0.1 that only starts listening after a delay: until then connections to its port are
 * refused, as when a ClickHouse server is restarting. Bounded: it stops when closed.
 */
final class LateListeningProxy implements AutoCloseable {

    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ServerSocket server;
    private final Thread starter;

    LateListeningProxy(int targetPort, Duration delay) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        starter = new Thread(() -> run(targetPort, delay), "late-proxy");
        starter.setDaemon(true);
        starter.start();
    }

    int port() {
        return port;
    }

    private void run(int targetPort, Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = s;
            while (!closed.get()) {
                Socket client = s.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                pipe(client, upstream);
                pipe(upstream, client);
            }
        } catch (IOException | InterruptedException e) {
            // closed
        }
    }

    private static void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // connection ended
            } finally {
                try {
                    to.shutdownOutput();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "late-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        closed.set(true);
        starter.interrupt();
        if (server != null) {
            server.close();
        }
    }
}
