package io.waypoint.drivers.opennds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientTest {

    @Test
    void aSessionCounterBeyondAPetabyteIsKeptAtTheBoundSoBytesCanBeCountedWithoutOverflow() {
        // ndsctl answering 1e300 kB (a broken answer the fuzz harness sent) once made the kiosk's
        // kB * 1024 wrap negative, so its telemetry said negative megabytes and the gateway refused it
        Client c = new Client(new ClientHandle(7), ClientState.AUTHENTICATED, Duration.ofMinutes(3), Long.MAX_VALUE, -5);
        assertThat(c.kbDown()).isEqualTo(Client.MAX_KB);
        assertThat(c.kbDown() * 1024).isPositive();
        assertThat(c.kbUp()).isZero();
        assertThat(new Client(new ClientHandle(7), ClientState.AUTHENTICATED, Duration.ZERO, 1234, 56).kbDown()).isEqualTo(1234);
    }
}
