package io.waypoint.sim.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SocatPtyTest {

    @Test
    void makesTwoTerminalsThatExist() throws Exception {
        try (SocatPty pty = SocatPty.start()) {
            assertThat(pty.deviceEnd().toString()).startsWith("/dev/pts/");
            assertThat(pty.driverEnd().toString()).startsWith("/dev/pts/");
            assertThat(pty.deviceEnd()).isNotEqualTo(pty.driverEnd()).exists();
            assertThat(pty.driverEnd()).exists();
        }
    }

    @Test
    void everyByteValueCrossesUnchanged() throws Exception {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        try (SocatPty pty = SocatPty.start();
             FileChannel device = FileChannel.open(pty.deviceEnd(), StandardOpenOption.WRITE);
             DriverEnd driver = DriverEnd.open(pty.driverEnd().toString())) {
            device.write(ByteBuffer.wrap(all));
            assertThat(driver.await(256, Duration.ofSeconds(5))).isEqualTo(all);
        }
    }

    @Test
    void closingRemovesBothTerminals() throws Exception {
        SocatPty pty = SocatPty.start();
        pty.close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(pty.isAlive()).isFalse();
            assertThat(Files.exists(pty.deviceEnd())).isFalse();
            assertThat(Files.exists(pty.driverEnd())).isFalse();
        });
    }
}
