package io.waypoint.drivers.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The link through a real pseudo-terminal pair, with jssc on this side. */
class JsscSerialLinkTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final Clock clock = Clock.systemUTC();

    private static byte[] everyByteValue() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        return all;
    }

    private static byte[] receiveAtLeast(SerialLink link, int n) throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (got.size() < n && System.nanoTime() < deadline) {
            link.receive(Duration.ofMillis(100)).ifPresent(r -> got.writeBytes(r.bytes()));
        }
        return got.toByteArray();
    }

    @Test
    void everyByteValueGoesOutUnchanged() throws Exception {
        try (FarEnd far = new FarEnd(); SerialLink link = SerialLink.open(far.driverPort(), 4800, clock)) {
            link.write(everyByteValue());
            assertThat(far.await(256, WAIT)).isEqualTo(everyByteValue());
        }
    }

    @Test
    void everyByteValueComesInUnchanged() throws Exception {
        try (FarEnd far = new FarEnd(); SerialLink link = SerialLink.open(far.driverPort(), 9600, clock)) {
            far.write(everyByteValue());
            assertThat(receiveAtLeast(link, 256)).isEqualTo(everyByteValue());
        }
    }

    @Test
    void receivedBytesAreStampedByTheLinksClock() throws Exception {
        try (FarEnd far = new FarEnd(); SerialLink link = SerialLink.open(far.driverPort(), 9600, clock)) {
            Instant before = clock.instant();
            far.write(new byte[] {0x42});
            Optional<SerialLink.Received> r = link.receive(WAIT);
            Instant after = clock.instant();
            assertThat(r).isPresent();
            assertThat(r.get().bytes()).containsExactly(0x42);
            assertThat(r.get().at()).isBetween(before, after);
            assertThat(link.clock()).isSameAs(clock);
        }
    }

    @Test
    void receiveIsEmptyWhenNothingCame() throws Exception {
        try (FarEnd far = new FarEnd(); SerialLink link = SerialLink.open(far.driverPort(), 9600, clock)) {
            assertThat(link.receive(Duration.ZERO)).isEmpty();
            assertThat(link.receive(Duration.ofMillis(50))).isEmpty();
        }
    }

    @Test
    void knowsItsPortAndBaud() throws Exception {
        try (FarEnd far = new FarEnd(); SerialLink link = SerialLink.open(far.driverPort(), 19_200, clock)) {
            assertThat(link.port()).isEqualTo(far.driverPort());
            assertThat(link.baud()).isEqualTo(19_200);
            assertThat(link.droppedBytes()).isZero();
        }
    }

    @Test
    void aMissingPortIsNamedWithWhatToCheck() {
        assertThatThrownBy(() -> SerialLink.open("/dev/ttyUSB-waypoint-missing", 4800, clock))
                .isInstanceOf(SerialLinkException.class)
                .hasMessageContaining("/dev/ttyUSB-waypoint-missing")
                .hasMessageContaining("not found")
                .hasMessageContaining("plugged in")
                .satisfies(e -> assertThat(((SerialLinkException) e).port()).isEqualTo("/dev/ttyUSB-waypoint-missing"));
    }

    @Test
    void aFileThatIsNoSerialPortIsSaidToBeOne(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("not-a-tty"));
        assertThatThrownBy(() -> SerialLink.open(file.toString(), 4800, clock))
                .isInstanceOf(SerialLinkException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a serial port");
    }

    @Test
    void aBaudThatIsNoLineSpeedIsRefused() {
        assertThatThrownBy(() -> SerialLink.open("/dev/null", 0, clock)).hasMessageContaining("baud 0");
    }

    @Test
    void closingEndsAReceiveWaitingElsewhere() throws Exception {
        try (FarEnd far = new FarEnd()) {
            SerialLink link = SerialLink.open(far.driverPort(), 4800, clock);
            CompletableFuture<Optional<SerialLink.Received>> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return link.receive(Duration.ofSeconds(30));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(100);
            link.close();
            assertThatThrownBy(() -> waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasRootCauseInstanceOf(SerialLinkException.class)
                    .hasStackTraceContaining("closed");
        }
    }

    @Test
    void aClosedLinkRefusesToWriteOrReceive() throws Exception {
        try (FarEnd far = new FarEnd()) {
            SerialLink link = SerialLink.open(far.driverPort(), 4800, clock);
            link.close();
            link.close();
            assertThatThrownBy(() -> link.write(new byte[] {1})).isInstanceOf(SerialLinkException.class)
                    .hasMessageContaining(far.driverPort());
            assertThatThrownBy(() -> link.receive(Duration.ZERO)).isInstanceOf(SerialLinkException.class);
        }
    }

    @Test
    void thePortCanBeOpenedAgainAfterClose() throws Exception {
        try (FarEnd far = new FarEnd()) {
            SerialLink.open(far.driverPort(), 4800, clock).close();
            try (SerialLink again = SerialLink.open(far.driverPort(), 4800, clock)) {
                far.write(new byte[] {7});
                await().atMost(WAIT).until(() -> again.receive(Duration.ofMillis(50)).isPresent());
            }
        }
    }
}
