package io.waypoint.sim.site;

import io.waypoint.sim.board.SimBoard;
import io.waypoint.sim.board.SimBoardFactory;
import java.util.Map;

/** {@code waypoint.sim.board = well}: a {@link WellSite} built from the context's properties. */
public final class WellBoardFactory implements SimBoardFactory {
    @Override
    public String name() {
        return "well";
    }

    @Override
    public SimBoard create(Map<String, String> properties) {
        return WellSite.create(properties).board();
    }
}
