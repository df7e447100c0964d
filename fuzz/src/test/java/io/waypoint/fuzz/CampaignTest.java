package io.waypoint.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The harness itself: what it counts, how it reports a crash and a hang, and that a seed fixes the run. */
@Order(2)
class CampaignTest {

    /** Lets the parser's endless loops end once their campaign has given up on them: they would eat the machine. */
    private static volatile boolean release;

    /** A parser of words: "boom" crashes it, "spin" hangs it, a digit is a reject, the rest is read. */
    private static final class WordTarget implements FuzzTarget {
        @Override
        public String name() {
            return "words";
        }

        @Override
        public String describe() {
            return "a toy parser";
        }

        @Override
        public int maxInputBytes() {
            return 64;
        }

        @Override
        public List<byte[]> seeds() {
            return List.of(b("hello"));
        }

        @Override
        public byte[] generate(SplittableRandom random) {
            return b(List.of("tree", "boat", "7up", "boom", "spin").get(random.nextInt(5)));
        }

        @Override
        public List<byte[]> dictionary() {
            return List.of(b("bo"), b("om"));
        }

        @Override
        public Outcome run(byte[] input) {
            String s = new String(input, StandardCharsets.UTF_8);
            if (s.equals("boom")) {
                throw new IllegalStateException("boom");
            }
            while (s.equals("spin") && !release) {
                Thread.onSpinWait(); // busy, as a parser in an endless loop: the watchdog must call it a hang
            }
            return s.chars().anyMatch(Character::isDigit) ? Outcome.rejected("digit " + s) : Outcome.accepted("word");
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void countsEveryInputAndNamesTheOnesThatCrashOrHang() {
        Campaign.Options options = new Campaign.Options(2_000, 3, Duration.ofMillis(200), 64L << 20);
        release = false;
        CampaignReport r;
        try {
            r = new Campaign(new WordTarget(), options, List.of(b("boom"))).run();
        } finally {
            release = true;
        }
        assertThat(r.crashes()).isPositive();
        assertThat(r.crashFindings()).first().satisfies(f -> {
            assertThat(f.signature()).startsWith("IllegalStateException at ");
            assertThat(f.input()).isEqualTo(b("boom"));
            assertThat(f.index()).as("the corpus runs first").isZero();
        });
        assertThat(r.hangs()).as("a hang is named by its input; a few and the target is given up").hasSize(Campaign.MAX_HANGS)
                .allSatisfy(h -> assertThat(h.input()).isEqualTo(b("spin")));
        assertThat(r.passed()).isFalse();
        assertThat(r.rejected()).containsKey("digit #up");
        assertThat(r.text()).contains("hangs     3", "still running after", "\"spin\"");
    }

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnother() {
        FuzzTarget target = TargetCatalog.named("vedirect").orElseThrow();
        CampaignReport a = new Campaign(target, Campaign.Options.of(3_000, 11), List.of()).run();
        CampaignReport b = new Campaign(target, Campaign.Options.of(3_000, 11), List.of()).run();
        CampaignReport c = new Campaign(target, Campaign.Options.of(3_000, 12), List.of()).run();
        assertThat(b.accepted()).isEqualTo(a.accepted());
        assertThat(b.rejected()).isEqualTo(a.rejected());
        assertThat(c.rejected()).isNotEqualTo(a.rejected());
    }

    @Test
    void mutationsStayWithinTheSizeLimit() {
        Mutator m = new Mutator(List.of(b("Checksum\t")));
        SplittableRandom r = new SplittableRandom(5);
        byte[] input = b("\r\nV\t12800\r\nChecksum\t\u0003");
        for (int i = 0; i < 20_000; i++) {
            input = m.mutate(input, b("\r\nI\t-420"), r, 100);
            assertThat(input.length).isLessThanOrEqualTo(100);
        }
    }

    @Test
    void kindsLeaveOutTheValuesThatMakeEachReasonUnique() {
        assertThat(Outcome.rejected("seq = 7: expected an integer >= 1").kind()).isEqualTo("seq = #: expected an integer >= #");
        assertThat(Outcome.rejected("ts = '2026-11-27': expected an ISO time").kind()).isEqualTo("ts = '…': expected an ISO time");
        assertThat(Outcome.rejected("a\nb" + "x".repeat(200)).kind()).hasSize(Outcome.MAX_KIND_CHARS + 1).startsWith("a b");
    }
}
