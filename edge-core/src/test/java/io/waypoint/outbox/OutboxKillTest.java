package io.waypoint.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process appending to an outbox with SIGKILL at random moments, several times over the same
 * directory, and checks that every message committed before each kill comes back exactly once, in
 * order.
 */
class OutboxKillTest {
    static final int RUNS = 5;
    static final int MESSAGES_PER_RUN = 60_000;

    @TempDir
    Path dir;

    @Test
    void afterSigkillEveryCommittedMessageIsSentOnceInOrder() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<Long, Long> lastCommitted = new HashMap<>();
        for (long boot = 1; boot <= RUNS; boot++) {
            lastCommitted.put(boot, runAndKill(boot, 1 + random.nextInt(MESSAGES_PER_RUN / 2)));
        }

        List<OutboxMessage> all;
        try (Outbox outbox = Outbox.open(dir, OutboxOptions.defaults(), TestMessages.scheduler())) {
            all = TestMessages.drain(outbox);
        }

        String context = "seed " + seed + ", last committed per boot " + lastCommitted;
        System.out.println("kill test: " + context + ", " + all.size() + " messages recovered");
        for (int i = 1; i < all.size(); i++) {
            OutboxMessage prev = all.get(i - 1);
            OutboxMessage m = all.get(i);
            assertThat(RecordCodec.after(m.boot(), m.seq(), prev.boot(), prev.seq()))
                    .as("%s follows %s (%s)", m, prev, context).isTrue();
        }
        for (long boot = 1; boot <= RUNS; boot++) {
            List<OutboxMessage> ofBoot = new ArrayList<>();
            for (OutboxMessage m : all) {
                if (m.boot() == boot) {
                    ofBoot.add(m);
                }
            }
            long committed = lastCommitted.get(boot);
            // a killed process loses nothing append returned for, so the seqs run 1..n without a gap
            assertThat(ofBoot.size()).as("boot %d (%s)", boot, context).isGreaterThanOrEqualTo((int) committed);
            for (int i = 0; i < ofBoot.size(); i++) {
                long seq = i + 1;
                assertThat(ofBoot.get(i)).as("boot %d (%s)", boot, context)
                        .isEqualTo(TestMessages.msg(boot, seq, OutboxKillTarget.sizeOf(seq)));
            }
        }
        assertThat(lastCommitted.values()).as("the kills came while appending (%s)", context)
                .anyMatch(c -> c > 0 && c < MESSAGES_PER_RUN);
    }

    /**
     * Starts a child appending boot {@code boot} and kills it as soon as it reports a commit at or
     * beyond {@code killAfter}: a random moment while it appends, on a slow machine as on a fast one.
     * Returns the last committed seq it printed.
     */
    private long runAndKill(long boot, long killAfter) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                OutboxKillTarget.class.getName(), dir.toString(), Long.toString(boot),
                Integer.toString(MESSAGES_PER_RUN));
        pb.redirectError(new File(dir.toFile(), "child-" + boot + ".err"));
        Process child = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        long last = 0;
        try {
            // everything the child printed before it died is still in the pipe: read to the end
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                String[] f = line.split(" ");
                if (f.length == 3 && f[0].equals("committed") && f[1].equals(Long.toString(boot))) {
                    last = Math.max(last, Long.parseLong(f[2]));
                }
                if (last >= killAfter || line.equals("done")) {
                    // SIGKILL, as Process.destroyForcibly sends it; through the handle, because
                    // Process's own method also closes our end of the pipe and loses the last lines
                    child.toHandle().destroyForcibly();
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child for boot %d ended", boot).isTrue();
        }
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        return last;
    }
}
