package io.waypoint.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.bench.CpuTicks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineCpuTest {

    @Test
    void theIngestThreadIsNotTheStoreThreadThoughOneNameStartsTheOther() {
        Map<Long, CpuTicks> then = Map.of(1L, new CpuTicks("ingest", 10, 0), 2L, new CpuTicks("ingest-store", 5, 5));
        Map<Long, CpuTicks> now = Map.of(1L, new CpuTicks("ingest", 30, 2), 2L, new CpuTicks("ingest-store", 9, 6),
                3L, new CpuTicks("uplink-gateway.", 4, 0)); // born during the drain: all its ticks count
        assertThat(PipelineCpu.Meter.threadTicks(then, now, "ingest")).isEqualTo(22);
        assertThat(PipelineCpu.Meter.threadTicks(then, now, "ingest-store")).isEqualTo(5);
        assertThat(PipelineCpu.Meter.threadTicks(then, now, "uplink-")).isEqualTo(4);
    }

    @Test
    void compilerThreadsAreCountedByKindWhateverTheirNumber() {
        Map<Long, CpuTicks> now = Map.of(7L, new CpuTicks("C1 CompilerThre", 3, 0), 8L, new CpuTicks("C2 CompilerThre", 6, 1),
                9L, new CpuTicks("C1 CompilerThre", 2, 0));
        assertThat(PipelineCpu.Meter.threadTicks(Map.of(), now, "C1 Compiler", "C2 Compiler")).isEqualTo(12);
    }

    @Test
    void eachPartIsItsOwnMedianOverTheRuns() {
        PipelineCpu a = new PipelineCpu(100, 40, 20, 10, 30, 45, 60, 5, 0.9);
        PipelineCpu b = new PipelineCpu(200, 90, 25, 15, 20, 50, 80, 9, 1.0);
        PipelineCpu c = new PipelineCpu(150, 50, 30, 12, 25, 40, 70, 7, 0.95);
        PipelineCpu m = PipelineCpu.median(List.of(a, b, c));
        assertThat(m).isEqualTo(new PipelineCpu(150, 50, 25, 12, 25, 45, 70, 7, 0.95));
        assertThat(m.line()).isEqualTo("gateway 150 (ingest 50, store 25, uplink 12, JIT 25), broker 45, node 70 (this JVM's JIT 7) "
                + "µs a message; cores 95% busy");
    }
}
