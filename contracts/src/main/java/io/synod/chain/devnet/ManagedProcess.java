package io.synod.chain.devnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A child process with a pidfile, so a later run can stop what a killed run left behind. */
final class ManagedProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path pidFile;
    private final Path log;

    private ManagedProcess(String name, Process process, Path pidFile, Path log) {
        this.name = name;
        this.process = process;
        this.pidFile = pidFile;
        this.log = log;
    }

    static ManagedProcess start(String name, List<String> command, Map<String, String> env, Path workDir) {
        Path pidFile = workDir.resolve(name + ".pid");
        Path log = workDir.resolve(name + ".log");
        killLeftover(name, pidFile);
        try {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(env);
            Process process = pb.start();
            Files.writeString(pidFile, Long.toString(process.pid()));
            return new ManagedProcess(name, process, pidFile, log);
        } catch (IOException e) {
            throw new DevnetException("cannot start " + name + ": " + command, e);
        }
    }

    /** Stops a process recorded in {@code pidFile} by an earlier run, if it is still alive and still ours. */
    static void killLeftover(String name, Path pidFile) {
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isPresent() && commandLine(handle.get()).contains(name)) {
                stop(handle.get());
            }
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException e) {
            throw new DevnetException("unreadable pidfile " + pidFile, e);
        }
    }

    /** The pid may have been reused since: only a process whose command line names the node is stopped. */
    private static String commandLine(ProcessHandle handle) {
        Path proc = Path.of("/proc", Long.toString(handle.pid()), "cmdline");
        try {
            if (Files.isReadable(proc)) {
                return new String(Files.readAllBytes(proc), java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
            }
        } catch (IOException gone) {
            return "";
        }
        // The JDK omits the arguments of some processes (e.g. node's), hence /proc first.
        return handle.info().commandLine().or(() -> handle.info().command()).orElse("");
    }

    private static void stop(ProcessHandle handle) {
        handle.destroy();
        try {
            handle.onExit().get(15, TimeUnit.SECONDS);
        } catch (Exception notStopped) {
            handle.destroyForcibly();
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new DevnetException("cannot stop pid " + handle.pid(), e);
            }
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        stop(process.toHandle());
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new DevnetException("cannot remove " + pidFile, e);
        }
    }
}
