package io.waypoint.wire;

/**
 * Reads a topic string into a {@link Topic}. Every check happens before a record is built, so a
 * bad topic costs no exception: the gateway parses the topic of every message it receives.
 */
final class TopicParser {
    private static final int MAX_SEGMENTS = 5; // after the root: site, node, cmd, name, result

    private TopicParser() {
    }

    /** The topic, or null. */
    static Topic parse(String topic) {
        if (topic == null || !topic.startsWith(Topic.ROOT)) {
            return null;
        }
        String[] seg = new String[MAX_SEGMENTS];
        int k = 0;
        int from = Topic.ROOT.length();
        while (true) {
            if (k == MAX_SEGMENTS) {
                return null;
            }
            int slash = topic.indexOf('/', from);
            int end = slash < 0 ? topic.length() : slash;
            seg[k++] = topic.substring(from, end);
            if (slash < 0) {
                break;
            }
            from = slash + 1;
        }
        switch (k) {
            case 2:
                return "status".equals(seg[1]) && Ids.isId(seg[0]) ? new SiteStatusTopic(seg[0]) : null;
            case 3:
                return threeSegments(seg[0], seg[1], seg[2]);
            case 4:
                if ("alerts".equals(seg[1])) {
                    return "active".equals(seg[2]) && Ids.isId(seg[0]) && Ids.isAlertKey(seg[3])
                            ? new AlertActiveTopic(seg[0], seg[3]) : null;
                }
                return command(seg[0], seg[1], seg[2], seg[3], false);
            case 5:
                return "result".equals(seg[4]) ? command(seg[0], seg[1], seg[2], seg[3], true) : null;
            default:
                return null;
        }
    }

    private static Topic threeSegments(String a, String b, String c) {
        if (Topic.GATEWAY_SITE.equals(a)) {
            if (!Ids.isId(b)) {
                return null;
            }
            if ("stats".equals(c)) {
                return new GatewayStatsTopic(b);
            }
            return "rejects".equals(c) ? new GatewayRejectsTopic(b) : null;
        }
        if (!Ids.isId(a)) {
            return null;
        }
        if ("alerts".equals(b)) {
            if ("events".equals(c)) {
                return new AlertEventsTopic(a);
            }
            return "ack".equals(c) ? new AlertAckTopic(a) : null;
        }
        NodeTopic.Kind kind = NodeTopic.Kind.ofSegment(c);
        return kind != null && Ids.isNodeId(b) ? new NodeTopic(new NodeRef(a, b), kind) : null;
    }

    private static Topic command(String site, String node, String cmd, String name, boolean result) {
        if (!"cmd".equals(cmd) || !Ids.isId(site) || !Ids.isNodeId(node) || !Ids.isCommand(name)) {
            return null;
        }
        return new CommandTopic(new NodeRef(site, node), name, result);
    }
}
