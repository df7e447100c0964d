package io.waypoint.sim.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VirtualSerialDeviceTest {

    /** The smallest device: sends back what it gets, with the top bit flipped to tell it from an echo. */
    static final class FlippingEcho extends VirtualSerialDevice {
        volatile String thread;

        private FlippingEcho() {
            super("flipping-echo");
        }

        static FlippingEcho start() throws IOException {
            FlippingEcho d = new FlippingEcho();
            d.open();
            return d;
        }

        @Override
        protected void received(byte[] bytes, Instant at) {
            thread = Thread.currentThread().getName();
            byte[] out = bytes.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] ^= (byte) 0x80;
            }
            send(out);
        }
    }

    @Test
    void theDriverPortTalksToTheDevice() throws Exception {
        try (FlippingEcho device = FlippingEcho.start(); DriverEnd driver = DriverEnd.open(device.driverPort())) {
            driver.write(new byte[] {0x01, 0x7F, (byte) 0xFF, 0x00});
            assertThat(driver.await(4, Duration.ofSeconds(5))).containsExactly(0x81, 0xFF, 0x7F, 0x80);
            // counted just after the write returns, which may be after the driver has the bytes
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(device.bytesReceived()).isEqualTo(4);
                assertThat(device.bytesSent()).isEqualTo(4);
            });
        }
    }

    @Test
    void callbacksRunOnTheDeviceThread() throws Exception {
        try (FlippingEcho device = FlippingEcho.start(); DriverEnd driver = DriverEnd.open(device.driverPort())) {
            driver.write(new byte[] {1});
            driver.await(1, Duration.ofSeconds(5));
            assertThat(device.thread).startsWith("sim-flipping-echo");
        }
    }

    @Test
    void closingTakesTheDriverPortAway() throws Exception {
        FlippingEcho device = FlippingEcho.start();
        Path port = Path.of(device.driverPort());
        assertThat(port).exists();
        device.close();
        device.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(port));
    }
}
