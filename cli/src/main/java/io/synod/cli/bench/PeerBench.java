package io.synod.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Copies the DKLs23 peer to a scratch directory, installs it if needed, runs it and reads its JSON line. */
final class PeerBench {
    private PeerBench() {
    }

    record Figures(double dkgMs, double presignMs, double onlineMs, String verified, String raw) {
    }

    static Figures run(Path source, Path scratch, int n, int signers, int signatures)
            throws IOException, InterruptedException {
        copy(source, scratch);
        if (!Files.isDirectory(scratch.resolve("node_modules"))) {
            exec(scratch, List.of("npm", "install", "--no-audit", "--no-fund"), 600);
        }
        String out = exec(scratch, List.of("node", "bench.js", Integer.toString(n), Integer.toString(signers),
                Integer.toString(signatures)), 1800);
        String line = out.lines().filter(l -> l.trim().startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new IOException("peer printed no JSON line"));
        return new Figures(number(line, "dkg_ms"), number(line, "presign_ms"), number(line, "online_sign_ms"),
                string(line, "verified"), line.trim());
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static String exec(Path dir, List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " timed out");
        }
        String s = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + s);
        }
        return s;
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*([0-9.eE+-]+)").matcher(json);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static String string(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : "?";
    }
}
