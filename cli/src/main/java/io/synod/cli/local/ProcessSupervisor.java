package io.synod.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts child processes, remembers their PIDs in pid files, and stops them (with their
 * descendants) in reverse order. Pid files left by a killed run are used to stop leftovers before
 * anything new starts, so a crashed run never blocks the next one with "port already in use".
 */
public final class ProcessSupervisor implements AutoCloseable {

    private final Path pidDir;
    private final Deque<Started> started = new ArrayDeque<>();
    private final Deque<Runnable> closers = new ArrayDeque<>();

    public ProcessSupervisor(Path pidDir) {
        this.pidDir = pidDir;
        try {
            Files.createDirectories(pidDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stopLeftovers();
    }

    public Process start(String name, List<String> command, Path workDir, Map<String, String> env, Path log) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(env);
            Process p = pb.start();
            Files.writeString(pidDir.resolve(name + ".pid"), Long.toString(p.pid()));
            started.push(new Started(name, p));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Something started elsewhere (e.g. the chains launcher) that must stop with the rest, in reverse order. */
    public void onClose(Runnable closer) {
        closers.push(closer);
    }

    /** Stops everything this supervisor started, newest first. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            Started s = started.pop();
            stop(s.process.toHandle());
            deleteQuietly(pidDir.resolve(s.name + ".pid"));
        }
        while (!closers.isEmpty()) {
            closers.pop().run();
        }
    }

    private void stopLeftovers() {
        try (Stream<Path> files = Files.list(pidDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
                try {
                    long pid = Long.parseLong(Files.readString(f).strip());
                    ProcessHandle.of(pid).ifPresent(ProcessSupervisor::stop);
                } catch (NumberFormatException | IOException ignored) {
                    // a torn pid file names nothing we could stop
                }
                deleteQuietly(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM to the process and its descendants, then SIGKILL whatever is still alive after 20 s. */
    public static void stop(ProcessHandle root) {
        List<ProcessHandle> all = Stream.concat(root.descendants(), Stream.of(root)).toList();
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (ProcessHandle h : all) {
            while (h.isAlive() && System.nanoTime() < deadline) {
                try {
                    h.onExit().get(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (Exception ignored) {
                    // keep waiting until the deadline
                }
            }
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // nothing to clean then
        }
    }

    private record Started(String name, Process process) {
    }
}
