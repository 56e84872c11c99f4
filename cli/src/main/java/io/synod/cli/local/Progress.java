package io.synod.cli.local;

import java.io.PrintStream;

/** Prints start-up steps with the time since the first one, so a slow step is visible as it happens. */
public final class Progress {

    private final PrintStream out;
    private final long started = System.nanoTime();

    public Progress(PrintStream out) {
        this.out = out;
    }

    public void step(String message) {
        long ms = (System.nanoTime() - started) / 1_000_000;
        out.printf("[%6.1fs] %s%n", ms / 1000.0, message);
        out.flush();
    }
}
