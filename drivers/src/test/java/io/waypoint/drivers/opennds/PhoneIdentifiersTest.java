package io.waypoint.drivers.opennds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhoneIdentifiersTest {

    @Test
    void knownIdentifiersGoWhateverTheirCase() {
        assertThat(PhoneIdentifiers.redact("Client AA:BB:CC:DD:EE:0F not found.", List.of("aa:bb:cc:dd:ee:0f")))
                .isEqualTo("Client <phone> not found.");
    }

    @Test
    void identifierShapedWordsGoEvenWhenUnknown() {
        String text = PhoneIdentifiers.redact("mac 02-1a-2b-3c-4d-5e ip 10.1.2.3 v6 fe80::1c2d:3e4f token 9f3c2a1b ok",
                List.of());
        assertThat(text).isEqualTo("mac <phone> ip <phone> v6 <phone> token <phone> ok");
    }

    @Test
    void ordinaryWordsStay() {
        assertThat(PhoneIdentifiers.redact("sudo: /usr/bin/ndsctl: command not found", List.of()))
                .isEqualTo("sudo: /usr/bin/ndsctl: command not found");
    }
}
