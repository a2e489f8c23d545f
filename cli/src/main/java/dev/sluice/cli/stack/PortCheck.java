package dev.sluice.cli.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds out whether some process already listens on a port, by trying to bind it ourselves. */
final class PortCheck {

    private PortCheck() {
    }

    static boolean inUse(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // SO_REUSEADDR: a TIME_WAIT leftover of a just-stopped service is not "in use"; a live listener (also one on
            // 0.0.0.0) still makes the bind fail.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(StackLayout.HOST), port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
