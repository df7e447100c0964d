package io.waypoint.wire;

/** The messages a gateway rejected, with their reasons: {@code wp/v1/_gateway/{gatewayId}/rejects}. */
public record GatewayRejectsTopic(String gatewayId) implements Topic {

    public GatewayRejectsTopic {
        if (!Ids.isId(gatewayId)) {
            throw Ids.invalid("gateway id", gatewayId, Ids.ID_SHAPE);
        }
    }

    @Override
    public String name() {
        return ROOT + GATEWAY_SITE + '/' + gatewayId + "/rejects";
    }
}
