package io.synod.cli.test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.synod.cli.local.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Install what the tests need (SoftHSM2 via apt when root; npm packages via the build), then run every unit and integration test.")
public class TestCommand implements Callable<Integer> {

    @Option(names = "--home", description = "Synod checkout (default: current directory)")
    Path home = Path.of("").toAbsolutePath();

    @Parameters(description = "Extra Maven arguments, e.g. -pl threshold", arity = "0..*")
    List<String> mavenArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Progress progress = new Progress(System.out);
        if (!SystemPackages.softHsmPresent()) {
            if (!SystemPackages.isRoot()) {
                System.err.println("SoftHSM2 is missing: run  sudo apt-get install -y " + String.join(" ", SystemPackages.PACKAGES)
                        + "  and then ./synod test again.");
                return 3;
            }
            progress.step("Installing " + SystemPackages.PACKAGES + " with apt");
            int rc = SystemPackages.install();
            if (rc != 0) {
                System.err.println("apt-get could not install " + SystemPackages.PACKAGES + " (exit " + rc + ")");
                return 3;
            }
        }
        progress.step("Running all tests: ./mvnw -B verify (npm packages are installed by the build)");
        List<String> args = new ArrayList<>(List.of("-B", "verify"));
        args.addAll(mavenArgs);
        int rc = MavenBuild.run(home, args);
        progress.step(rc == 0 ? "All tests passed" : "Tests failed (exit " + rc + ")");
        return rc;
    }
}
