package io.waypoint.wire;

/** The gateway's retained summary of a site (which services are available): {@code wp/v1/{site}/status}. */
public record SiteStatusTopic(String site) implements Topic {

    public SiteStatusTopic {
        Ids.requireSite(site);
    }

    @Override
    public String name() {
        return ROOT + site + "/status";
    }
}
