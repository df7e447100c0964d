package io.waypoint.uplink;

/**
 * An MQTT 3.1.1 topic filter, split into its levels once, that matches topics without allocating: an
 * uplink holds one per subscription and asks each of them for every message it receives. Paho's
 * {@code MqttTopic.isMatched}, which this replaces, validated and split both strings at every call,
 * and at the gateway's thousands of messages a second that was a hot spot of its own.
 *
 * <p>Rules (MQTT 3.1.1, 4.7): {@code +} matches one whole level, empty included; {@code #} matches the
 * parent level and every level below it; a filter starting with a wildcard does not match a topic
 * starting with {@code $}; a shared subscription {@code $share/GROUP/FILTER} matches as FILTER.
 */
final class TopicFilter {
    private static final byte EXACT = 0;
    private static final byte ONE_LEVEL = 1;
    private static final byte REST = 2;

    private final String text;
    private final String[] levels;
    private final byte[] kinds;

    private TopicFilter(String text, String[] levels, byte[] kinds) {
        this.text = text;
        this.levels = levels;
        this.kinds = kinds;
    }

    /** The filter a subscription matches with: FILTER of {@code $share/GROUP/FILTER}, else the subscription itself. */
    static TopicFilter of(String subscription) {
        String filter = Uplink.topicFilterOf(subscription);
        if (filter.isEmpty()) {
            throw new IllegalArgumentException("a topic filter is at least one character, was empty in '" + subscription + "'");
        }
        String[] levels = filter.split("/", -1);
        byte[] kinds = new byte[levels.length];
        for (int i = 0; i < levels.length; i++) {
            String l = levels[i];
            if (l.equals("#")) {
                if (i != levels.length - 1) {
                    throw new IllegalArgumentException("'#' must be the last level of a topic filter, in '" + filter + "'");
                }
                kinds[i] = REST;
            } else if (l.equals("+")) {
                kinds[i] = ONE_LEVEL;
            } else if (l.indexOf('#') >= 0 || l.indexOf('+') >= 0) {
                throw new IllegalArgumentException("a wildcard must fill a whole level of a topic filter, in '" + filter + "'");
            } else {
                kinds[i] = EXACT;
            }
        }
        return new TopicFilter(filter, levels, kinds);
    }

    /** Whether a message published on {@code topic} (no wildcards) matches this filter. */
    boolean matches(String topic) {
        int n = topic.length();
        if (n > 0 && topic.charAt(0) == '$' && kinds[0] != EXACT) {
            return false;
        }
        int pos = 0; // where the topic's next level starts; n + 1 once every level is used
        for (int i = 0; i < levels.length; i++) {
            if (kinds[i] == REST) {
                return true;
            }
            if (pos > n) {
                return false; // the topic has fewer levels than the filter
            }
            int end = topic.indexOf('/', pos);
            if (end < 0) {
                end = n;
            }
            if (kinds[i] == EXACT) {
                String l = levels[i];
                if (end - pos != l.length() || !topic.regionMatches(pos, l, 0, l.length())) {
                    return false;
                }
            }
            pos = end + 1;
        }
        return pos == n + 1;
    }

    @Override
    public String toString() {
        return text;
    }

    /** A subscription's handler with its filter, parsed when subscribing rather than at every message. */
    record Route(TopicFilter filter, Uplink.MessageHandler handler) {
        static Route of(String subscription, Uplink.MessageHandler handler) {
            return new Route(TopicFilter.of(subscription), handler);
        }
    }
}
