package io.waypoint.uplink;

/** The uplink contract over Paho. */
class PahoUplinkTest extends UplinkContractTest {
    @Override
    Uplink create(UplinkOptions o, ReconnectBackoff backoff) {
        return new PahoUplink(o, scheduler, backoff);
    }
}
