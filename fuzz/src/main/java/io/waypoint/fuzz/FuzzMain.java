package io.waypoint.fuzz;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code scripts/fuzz}: runs fuzz targets and prints, per target, the inputs, what was accepted,
 * the rejects by kind, crashes, hangs, inputs per second and the heap.
 *
 * <pre>
 * --target NAME|all   a target (see --list) or all of them (default all)
 * --inputs N          inputs per target (default 100000)
 * --seed S            fixes every input (default 1); another seed, other inputs
 * --deadline-ms MS    CPU time one input may take before it is a hang (default 2000; or 5 times that
 *                     in wall time, for an input that blocks)
 * --corpus DIR        replays DIR/&lt;target&gt;/* first, then mutates them like seeds
 * --findings DIR      writes each crash, hang and the slowest input to DIR/&lt;target&gt;/
 * --list              prints the targets
 * </pre>
 *
 * Exit code 0 when every target passed, 1 when one crashed, hung or kept memory, 2 for bad options.
 */
public final class FuzzMain {
    private FuzzMain() {
    }

    /** What the command line asked for. */
    record Request(List<FuzzTarget> targets, long inputs, long seed, Duration deadline, Path corpus, Path findings,
                   boolean list) {
    }

    public static void main(String[] args) {
        Request request;
        try {
            request = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("fuzz: " + e.getMessage());
            System.err.println("usage: scripts/fuzz [--inputs N] [--seed S] [--target NAME|all] [--deadline-ms MS]"
                    + " [--corpus DIR] [--findings DIR] [--list]");
            System.exit(2);
            return;
        }
        System.exit(run(request, System.out));
    }

    static int run(Request request, PrintStream out) {
        if (request.list()) {
            request.targets().forEach(t -> out.println(t.name() + "  " + t.describe()));
            return 0;
        }
        boolean passed = true;
        long total = 0;
        long start = System.nanoTime();
        for (FuzzTarget target : request.targets()) {
            List<byte[]> corpus = request.corpus() == null ? List.of() : corpus(request.corpus().resolve(target.name()));
            Campaign.Options options = new Campaign.Options(request.inputs(), request.seed(), request.deadline(),
                    Campaign.Options.DEFAULT_HEAP_GROWTH_LIMIT);
            CampaignReport report = new Campaign(target, options, corpus).run();
            out.print(report.text());
            out.flush();
            if (request.findings() != null) {
                write(report, request.findings().resolve(target.name()), out);
            }
            passed &= report.passed();
            total += report.inputs();
        }
        out.printf(Locale.ROOT, "%d target(s), %,d inputs in %.1f s: %s%n", request.targets().size(), total,
                (System.nanoTime() - start) / 1e9, passed ? "all passed" : "FAILED");
        return passed ? 0 : 1;
    }

    static Request parse(String[] args) {
        String target = "all";
        long inputs = 100_000;
        long seed = 1;
        long deadlineMs = Campaign.Options.DEFAULT_DEADLINE.toMillis();
        Path corpus = null;
        Path findings = null;
        boolean list = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--list" -> list = true;
                case "--target", "--inputs", "--seed", "--deadline-ms", "--corpus", "--findings" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--target" -> target = v;
                        case "--inputs" -> inputs = positive(a, v);
                        case "--seed" -> seed = number(a, v);
                        case "--deadline-ms" -> deadlineMs = positive(a, v);
                        case "--corpus" -> corpus = Path.of(v);
                        default -> findings = Path.of(v);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        List<FuzzTarget> targets;
        if (target.equals("all")) {
            targets = TargetCatalog.all();
        } else {
            String name = target;
            targets = List.of(TargetCatalog.named(name).orElseThrow(() -> new IllegalArgumentException(
                    "--target = '" + name + "': expected all or one of " + String.join(", ", TargetCatalog.names()))));
        }
        if (corpus != null && !Files.isDirectory(corpus)) {
            throw new IllegalArgumentException("--corpus = '" + corpus + "': expected a directory");
        }
        return new Request(targets, inputs, seed, Duration.ofMillis(deadlineMs), corpus, findings, list);
    }

    private static long number(String option, String value) {
        try {
            return Long.parseLong(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " = '" + value + "': expected a whole number");
        }
    }

    private static long positive(String option, String value) {
        long n = number(option, value);
        if (n < 1) {
            throw new IllegalArgumentException(option + " = '" + value + "': expected a whole number of at least 1");
        }
        return n;
    }

    /** The files of a target's corpus directory, in name order; none when there is no directory. */
    static List<byte[]> corpus(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<byte[]> inputs = new ArrayList<>();
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                inputs.add(Files.readAllBytes(f));
            }
            return inputs;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the corpus in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void write(CampaignReport report, Path dir, PrintStream out) {
        List<Finding> findings = new ArrayList<>(report.crashFindings());
        findings.addAll(report.hangs());
        if (report.slowest() != null) {
            findings.add(report.slowest());
        }
        try {
            Files.createDirectories(dir);
            for (Finding f : findings) {
                Path file = dir.resolve(f.fileName());
                Files.write(file, f.input());
                if (f.kind() != Finding.Kind.SLOW) {
                    out.println("  wrote " + file);
                }
            }
        } catch (IOException e) {
            out.println("  could not write the findings to " + dir + ": " + e.getMessage());
        }
    }
}
