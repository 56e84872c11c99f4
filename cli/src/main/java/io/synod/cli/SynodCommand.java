package io.synod.cli;

import io.synod.cli.bench.BenchCommand;
import io.synod.cli.run.RunCommand;
import io.synod.cli.test.TestCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "synod", mixinStandardHelpOptions = true, versionProvider = SynodCommand.Version.class,
        description = "Synod operator command line.",
        subcommands = {RunCommand.class, TestCommand.class, BenchCommand.class,
                io.synod.cli.demo.DemoCommand.class})
public class SynodCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SynodCommand()).execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SynodCommand.class.getPackage().getImplementationVersion();
            return new String[] {"synod " + (v == null ? "development" : v)};
        }
    }
}
