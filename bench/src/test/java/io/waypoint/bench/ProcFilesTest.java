package io.waypoint.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Parsing /proc/PID/status, stat and io as Linux writes them. */
class ProcFilesTest {
    private static final String STATUS = """
            Name:\tjava
            Umask:\t0022
            State:\tS (sleeping)
            VmPeak:\t 3012345 kB
            VmHWM:\t   66460 kB
            VmRSS:\t   58312 kB
            RssAnon:\t   48380 kB
            Threads:\t27
            """;

    @Test
    void statusGivesResidentMemoryItsHighWaterMarkAndThreads() {
        MemoryUse m = MemoryUse.parse(STATUS);
        assertThat(m).isEqualTo(new MemoryUse(58312, 66460, 27));
        assertThat(m.rssMib()).isEqualTo(58312 / 1024.0);
        assertThat(m.hwmMib()).isEqualTo(66460 / 1024.0);
    }

    @Test
    void aStatusWithoutResidentMemoryNamesTheMissingLine() {
        // a kernel thread's status has no Vm lines
        assertThatThrownBy(() -> MemoryUse.parse("Name:\tkthreadd\nThreads:\t1\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VmRSS");
    }

    @Test
    void statTakesUserAndSystemTicksAfterANameWithSpacesAndParentheses() {
        String line = "16904 (serial-rx /dev/) S 16835 16835 100 0 -1 4194368 513 0 0 0 117 40 0 0 20 0 27 0 12345 "
                + "3012345 16615 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        assertThat(CpuTicks.parse(line)).isEqualTo(new CpuTicks("serial-rx /dev/", 117, 40));
        assertThat(CpuTicks.parse("7 (a) b) R 1 1 1 0 -1 0 0 0 0 0 5 6 0 0 20 0 1 0 1 1 1").total()).isEqualTo(11);
    }

    @Test
    void aLineThatIsNotAStatLineIsRefused() {
        assertThatThrownBy(() -> CpuTicks.parse("no parentheses here")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CpuTicks.parse("1 (java) S 0 0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fields");
    }

    @Test
    void ioGivesWrittenCharactersAndBytesSentToStorage() {
        String io = "rchar: 5000\nwchar: 123456\nsyscr: 10\nsyscw: 20\nread_bytes: 0\nwrite_bytes: 45056\n"
                + "cancelled_write_bytes: 4096\n";
        assertThat(IoCounts.parse(io)).isEqualTo(new IoCounts(123456, 45056));
        assertThatThrownBy(() -> IoCounts.parse("rchar: 1\n")).hasMessageContaining("wchar");
    }
}
