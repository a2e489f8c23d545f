package dev.sluice.cli.stack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Serialises {@code up} and {@code down} on one data dir: two {@code up}s at once would both see Kafka stopped and
 * both start one. The OS drops the lock when the JVM exits, however it exits.
 */
final class StackLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private StackLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static StackLock acquire(StackLayout layout) {
        Path file = StackLayout.createDirectories(layout.pidDir()).resolve("stack.lock");
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new StackException("another `bin/sluice stack up` or `down` is running on " + layout.dataDir()
                        + "; wait for it to finish.");
            }
            return new StackLock(channel, lock);
        } catch (IOException | OverlappingFileLockException e) {
            throw new StackException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The lock dies with the channel or the process anyway; nothing to do.
        }
    }
}
