package io.waypoint.drivers.opennds;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The phones openNDS listed at one moment.
 *
 * @param at when the list was taken, on the adapter's clock
 */
public record ClientList(Instant at, List<Client> clients) {
    public ClientList {
        Objects.requireNonNull(at, "at");
        clients = List.copyOf(clients);
    }

    /** Phones with an internet session now: {@link ClientState#AUTHENTICATED} only. */
    public long authenticated() {
        return count(ClientState.AUTHENTICATED);
    }

    /** Phones in {@code state}. */
    public long count(ClientState state) {
        return clients.stream().filter(c -> c.state() == state).count();
    }
}
