package io.waypoint.wire;

/** A gateway's retained counters: {@code wp/v1/_gateway/{gatewayId}/stats}. */
public record GatewayStatsTopic(String gatewayId) implements Topic {

    public GatewayStatsTopic {
        if (!Ids.isId(gatewayId)) {
            throw Ids.invalid("gateway id", gatewayId, Ids.ID_SHAPE);
        }
    }

    @Override
    public String name() {
        return ROOT + GATEWAY_SITE + '/' + gatewayId + "/stats";
    }
}
