package io.synod.cli.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Debian packages the tests need (SoftHSM2 for the real PKCS#11 token); installed when running as root. */
final class SystemPackages {

    static final List<String> PACKAGES = List.of("softhsm2", "opensc");

    private SystemPackages() {
    }

    static boolean softHsmPresent() {
        return Files.isExecutable(Path.of("/usr/bin/softhsm2-util"))
                && (Files.exists(Path.of("/usr/lib/softhsm/libsofthsm2.so"))
                || Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")));
    }

    static boolean isRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            return new String(p.getInputStream().readAllBytes()).strip().equals("0") && p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Installs the packages with apt; returns apt's exit code. */
    static int install() throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("apt-get", "install", "-y", "-q"));
        cmd.addAll(PACKAGES);
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        int rc = pb.start().waitFor();
        if (rc != 0) {
            // a fresh machine may have no package lists yet
            ProcessBuilder update = new ProcessBuilder("apt-get", "update", "-q").inheritIO();
            if (update.start().waitFor() == 0) {
                rc = pb.start().waitFor();
            }
        }
        return rc;
    }
}
