package io.waypoint.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @Test
    void aFigureSurvivesItsLineEvenWithTabsAndNewlinesInItsText() {
        Figure f = new Figure("gateway ingest", 21_345.678, "msg/s", "≥ 0.9\tof sub", 0.93, true, "3 runs\nQoS 1");
        Figure back = Figure.parse(f.line()).orElseThrow();
        assertThat(back.name()).isEqualTo("gateway ingest");
        assertThat(back.value()).isEqualTo(21_345.678);
        assertThat(back.target()).isEqualTo("≥ 0.9 of sub");
        assertThat(back.ratio()).isEqualTo(0.93);
        assertThat(back.met()).isTrue();
        assertThat(back.how()).isEqualTo("3 runs QoS 1");
    }

    @Test
    void onlyFigureLinesAreCollected() {
        List<Figure> figures = Report.figures(List.of("gateway figures: run 1/3", "FIGURE\tbroken", "11:02 INFO starting",
                new Figure("alert latency p99", 12.5, "ms", "p99 ≤ 50 ms", 0.25, true, "300 alerts").line()));
        assertThat(figures).extracting(Figure::name).containsExactly("alert latency p99");
    }

    @Test
    void tableShowsEachFigureWithAMissedTargetInBoldAndNoRatioAsADash() {
        String table = Report.table(List.of(
                new Figure("outbox drain", 9_876.5, "msg/s", "≥ 10,000 msg/s", 0.58, false, "5 runs"),
                new Figure("mosquitto_sub rate (anchor)", 31_000, "msg/s", "(the anchor)", Double.NaN, true, "a|b")));
        assertThat(table).contains("| outbox drain | 9,877 msg/s | ≥ 10,000 msg/s | 0.58 | **no** | 5 runs |");
        assertThat(table).contains("| mosquitto_sub rate (anchor) | 31,000 msg/s | (the anchor) | — | yes | a\\|b |");
    }

    @Test
    void smallValuesKeepTheirDigits() {
        assertThat(Report.value(12.34)).isEqualTo("12.3");
        assertThat(Report.value(0.1234)).isEqualTo("0.123");
        assertThat(Report.value(3.5)).isEqualTo("3.50");
    }

    @Test
    void writesMachineFiguresSkippedHarnessesJmhAndNotes(@TempDir Path dir) throws Exception {
        Path figures = dir.resolve("figures.txt");
        Files.writeString(figures, "noise\n" + new Figure("gateway ingest", 25_000, "msg/s", "t", 0.95, true, "h").line() + "\n");
        Path machine = dir.resolve("machine.txt");
        Files.writeString(machine, "cpu: AMD EPYC\ncores: 2\n");
        Path skipped = dir.resolve("skipped.txt");
        Files.writeString(skipped, "node figures: io.waypoint.bench.node.NodeFigures is not in the bench jar\n");
        Path jmh = dir.resolve("jmh.txt");
        Files.writeString(jmh, "Benchmark  Mode  Score\nCodecBenchmark.encodeWellTelemetry avgt 1.2\n");
        Path notes = dir.resolve("notes.md");
        Files.writeString(notes, "## What the profile showed and what changed\n\nJSON.\n");
        Path out = dir.resolve("BENCHMARKS.md");
        Report.main(new String[] {"--figures", figures.toString(), "--out", out.toString(), "--machine", machine.toString(),
                "--skipped", skipped.toString(), "--jmh", jmh.toString(), "--notes", notes.toString(), "--date", "2026-11-27 09:00 UTC"});
        String md = Files.readString(out);
        assertThat(md).contains("2026-11-27 09:00 UTC", "| cpu | AMD EPYC |", "| gateway ingest | 25,000 msg/s |",
                "- node figures: io.waypoint.bench.node.NodeFigures is not in the bench jar",
                "CodecBenchmark.encodeWellTelemetry", "## What the profile showed and what changed");
    }
}
