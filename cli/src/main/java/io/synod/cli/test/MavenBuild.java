package io.synod.cli.test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the project's Maven wrapper in the foreground, so its progress is the user's progress. */
public final class MavenBuild {

    private MavenBuild() {
    }

    public static int run(Path home, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("mvnw").toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(home.toFile()).inheritIO().start();
        try {
            return p.waitFor();
        } finally {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
            }
        }
    }
}
