package io.synod.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code synod bench}: groups the benchmark subcommands. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print figures.",
        subcommands = {ThresholdBenchCommand.class, GroupBenchCommand.class, PegBenchCommand.class})
public class BenchCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
