package io.waypoint.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AckFormTest {
    final RequestGuard guard = new RequestGuard(Set.of(), new SecureRandom());
    static final String HOST = "192.168.4.1:8080";
    static final String ORIGIN = "http://192.168.4.1:8080";

    AckForm.Decision decide(String body) {
        return AckForm.decide(guard, HOST, ORIGIN, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFilledFormOfThePageIsAnAcknowledgementInTheNameTyped() {
        AckForm.Decision d = decide("site=la-gloria&key=turbidity_unsafe.well-01&token=" + guard.token() + "&lang=es&by=+Ana%20M%C3%A9ndez+");
        assertThat(d).isInstanceOfSatisfying(AckForm.Accepted.class, a -> {
            assertThat(a.site()).isEqualTo("la-gloria");
            assertThat(a.ack().key()).isEqualTo("turbidity_unsafe.well-01");
            assertThat(a.ack().by()).isEqualTo("Ana Méndez");
            assertThat(a.lang()).isEqualTo(Lang.ES);
        });
    }

    @Test
    void aBadNameIsRefusedWithoutRepeatingIt() {
        for (String by : new String[] {"", "+++", "x".repeat(65), "Ana%01"}) {
            AckForm.Decision d = decide("site=la-gloria&key=turbidity_unsafe.well-01&token=" + guard.token() + "&by=" + by);
            assertThat(d).isInstanceOfSatisfying(AckForm.Refused.class, r -> {
                assertThat(r.status()).isEqualTo(400);
                assertThat(r.reason()).contains("your name must be 1 to 64 characters");
            });
        }
        // a phone number would go to every member of staff with the alert
        for (String by : new String[] {"%2B52+55+1234+5678", "5551234567", "192.168.4.20"}) {
            AckForm.Decision d = decide("site=la-gloria&key=turbidity_unsafe.well-01&token=" + guard.token() + "&by=" + by);
            assertThat(d).isInstanceOfSatisfying(AckForm.Refused.class, r -> {
                assertThat(r.status()).isEqualTo(400);
                assertThat(r.reason()).contains("a name or initials").doesNotContain("1234").doesNotContain("192.168");
            });
        }
    }

    @Test
    void aFormNotNamingAnAlertOfASiteIsRefused() {
        for (String form : new String[] {"site=La+Gloria&key=turbidity_unsafe.well-01", "site=la-gloria&key=%3Cb%3E", "site=la-gloria",
                "key=turbidity_unsafe.well-01"}) {
            assertThat(decide(form + "&by=Ana&token=" + guard.token())).isInstanceOfSatisfying(AckForm.Refused.class,
                    r -> assertThat(r.status()).isEqualTo(400));
        }
    }

    @Test
    void withoutTheTokenFromAnotherOriginUnderAnotherHostOrTooLongItIsRefused() {
        String ok = "site=la-gloria&key=turbidity_unsafe.well-01&by=Ana&token=";
        assertThat(decide(ok)).isEqualTo(new AckForm.Refused(403, guard.refusePost(HOST, ORIGIN, "").orElseThrow()));
        assertThat(AckForm.decide(guard, HOST, "http://evil.example", (ok + guard.token()).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(AckForm.Refused.class, r -> assertThat(r.status()).isEqualTo(403));
        assertThat(AckForm.decide(guard, "evil.example", "http://evil.example", (ok + guard.token()).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(AckForm.Refused.class, r -> assertThat(r.status()).isEqualTo(421));
        assertThat(decide(ok + guard.token() + "&x=" + "y".repeat(AckForm.MAX_BYTES))).isInstanceOfSatisfying(AckForm.Refused.class,
                r -> assertThat(r.status()).isEqualTo(413));
    }

    @Test
    void malformedEscapesLeaveTheirFieldOutAndTheFirstValueOfANameCounts() {
        assertThat(AckForm.fields("a=%zz&b=1&b=2&c")).containsEntry("b", "1").containsEntry("c", "").doesNotContainKey("a");
    }
}
