package io.waypoint.sim.site;

import io.waypoint.sim.board.SimBoard;
import io.waypoint.sim.board.SimBoardFactory;
import java.util.Map;

/** {@code waypoint.sim.board = kiosk}: a {@link KioskSite} built from the context's properties. */
public final class KioskBoardFactory implements SimBoardFactory {
    @Override
    public String name() {
        return "kiosk";
    }

    @Override
    public SimBoard create(Map<String, String> properties) {
        return KioskSite.create(properties).board();
    }
}
