package io.waypoint.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Which node a message is about: a site id and a node id, both {@code [a-z0-9][a-z0-9-]{0,31}}.
 * The node names {@code alerts} and {@code gateway} are reserved for the site's own topics; site
 * names starting with {@code _} are reserved for the gateway (the id grammar already excludes them).
 *
 * @throws IllegalArgumentException from the constructor when either id is invalid, naming the value
 */
public record NodeRef(String site, String node) {

    public NodeRef {
        if (!Ids.isId(site) || !Ids.isNodeId(node)) {
            throw new IllegalArgumentException(String.join("; ", problems(site, node)));
        }
    }

    /**
     * Every reason why {@code site} and {@code node} cannot name a node, or an empty list when they
     * can. Never throws.
     */
    public static List<String> problems(String site, String node) {
        if (Ids.isId(site) && Ids.isNodeId(node)) {
            return List.of();
        }
        List<String> problems = new ArrayList<>(2);
        if (site == null) {
            problems.add("site is missing");
        } else if (site.startsWith("_")) {
            problems.add("site " + Inspection.quote(site) + " is reserved: names starting with '_' belong to the gateway");
        } else if (!Ids.isId(site)) {
            problems.add("site " + Inspection.quote(site) + " is not a valid id: expected " + Ids.ID_SHAPE);
        }
        if (node == null) {
            problems.add("node is missing");
        } else if (Ids.isReservedNode(node)) {
            problems.add("node '" + node + "' is reserved for the site's own topics");
        } else if (!Ids.isId(node)) {
            problems.add("node " + Inspection.quote(node) + " is not a valid id: expected " + Ids.ID_SHAPE);
        }
        return List.copyOf(problems);
    }

    /** {@code site/node}, as people read it in logs. */
    @Override
    public String toString() {
        return site + "/" + node;
    }
}
