package io.waypoint.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The short run {@code scripts/test} does: every target, 100,000 inputs each from seed 1, the
 * regression corpus first. Targets run two at a time (the machine has two cores), the most costly
 * first. The reports go to the test's output and to {@code target/fuzz-short-run.txt}.
 */
@Order(3)
class ShortRunTest {
    static final long INPUTS = 100_000;
    static final long SEED = 1;
    /** The targets whose inputs cost most, started first so the two lanes end together. */
    private static final List<String> COSTLY_FIRST = List.of("gateway", "console", "rules", "opennds", "config", "wire");

    @Test
    void everyTargetTakesItsInputsWithoutACrashAHangOrKeptMemory() throws Exception {
        List<FuzzTarget> targets = new ArrayList<>(TargetCatalog.all());
        targets.sort(Comparator.comparingInt(t -> {
            int i = COSTLY_FIRST.indexOf(t.name());
            return i < 0 ? COSTLY_FIRST.size() : i;
        }));
        Path corpus = CorpusReplayTest.corpus();
        long start = System.nanoTime();
        ExecutorService lanes = Executors.newFixedThreadPool(2);
        List<Future<CampaignReport>> runs = new ArrayList<>();
        try {
            for (FuzzTarget t : targets) {
                List<byte[]> regression = FuzzMain.corpus(corpus.resolve(t.name()));
                runs.add(lanes.submit(() -> new Campaign(t, Campaign.Options.of(INPUTS, SEED), regression).run()));
            }
            List<CampaignReport> reports = new ArrayList<>();
            for (Future<CampaignReport> f : runs) {
                reports.add(f.get());
            }
            reports.sort(Comparator.comparingInt(r -> TargetCatalog.names().indexOf(r.target())));
            StringBuilder all = new StringBuilder();
            reports.forEach(r -> all.append(r.text()));
            all.append(String.format(Locale.ROOT, "%d targets, %,d inputs each, two at a time: %.1f s%n", reports.size(), INPUTS,
                    (System.nanoTime() - start) / 1e9));
            System.out.print(all);
            write(all.toString());
            for (CampaignReport r : reports) {
                assertThat(r.inputs()).as(r.target()).isEqualTo(INPUTS);
                assertThat(r.passed()).as(r.text()).isTrue();
            }
        } finally {
            lanes.shutdownNow();
        }
    }

    private static void write(String text) throws IOException {
        Path dir = Path.of("target");
        if (Files.isDirectory(dir)) {
            Files.writeString(dir.resolve("fuzz-short-run.txt"), text);
        }
    }
}
