package io.waypoint.gateway.status;

import io.waypoint.gateway.service.ServiceAvailability.Service;
import io.waypoint.gateway.service.ServiceAvailability.Why;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the status page shows of one site, built by {@link SitePages} from the gateway's state and
 * rendered by {@link StatusHtml}. Every string that came off the wire (site, node, message, the
 * name of who acknowledged, a fault) is kept as sent: the renderer escapes it.
 *
 * @param now       the gateway's time the page was made at
 * @param services  each service some node of the site offered in the chart's window, in the order of {@link Service}
 * @param alerts    open alerts, critical first, then oldest first
 * @param nodes     every node of the site, by name
 * @param turbidity each well's turbidity (average of each summary), NTU
 * @param flow      each well's flow (average of each summary), L/min
 */
record SitePage(String site, Instant now, List<ServiceLine> services, List<OpenAlert> alerts, List<NodeLine> nodes,
                Chart turbidity, Chart flow) {

    enum State {
        /** At least one node offering it said it works, recently. */
        UP,
        /** Nodes offering it reported recently, and none said it works. */
        DOWN,
        /** No node offering it reported recently (offline, or silent for more than three intervals). */
        NO_DATA
    }

    /**
     * @param why       for {@link State#DOWN}: the reason of the first node that reported; else {@link Why#WORKS}
     * @param detail    the value behind {@code why} as the node sent it, or null
     * @param portsFree charging ports free over the kiosks charging now (null for other services)
     * @param portsTotal their ports (null for other services)
     * @param ntu       water: the highest average turbidity of the wells reporting now (null otherwise)
     * @param asOf      when the newest summary that decided it was filed (for {@link State#NO_DATA}: the last one seen)
     */
    record ServiceLine(Service service, State state, Why why, String detail, Integer portsFree, Integer portsTotal, Double ntu,
                       Instant asOf) {}

    /**
     * @param severity    {@code info}, {@code warning} or {@code critical}
     * @param state       {@code raised}, {@code escalated} or {@code acknowledged}
     * @param by          who acknowledged it, or null
     * @param raised      when it was raised (its {@code raised} transition)
     * @param age         from {@code raised} to the page's time (never negative)
     */
    record OpenAlert(String key, String node, String severity, String state, String message, String by, Instant raised,
                     Duration age) {
        boolean acknowledged() {
            return state.equals("acknowledged");
        }
    }

    /**
     * @param lastContact the gateway's time of the node's last message
     * @param ago         from then to the page's time (never negative)
     */
    record NodeLine(String node, boolean online, long boot, Instant lastContact, Duration ago) {}
}
