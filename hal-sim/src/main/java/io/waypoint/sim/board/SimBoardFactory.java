package io.waypoint.sim.board;

import java.util.Map;

/**
 * Builds the board a Pi4J context simulates, from that context's properties: how a scenario (a
 * well with a clogging filter, a failing sensor) becomes chips and wires without the application
 * importing hal-sim.
 *
 * <p>Found by {@link SimBoards#create} either in the static registry ({@link SimBoards#register},
 * for tests and for code that already depends on hal-sim) or through {@link java.util.ServiceLoader}:
 * list the implementation in {@code META-INF/services/io.waypoint.sim.board.SimBoardFactory}. The
 * application then only sets the context property {@value SimBoards#BOARD_PROPERTY} to the
 * factory's {@link #name()}, plus whatever properties the factory reads (e.g.
 * {@value SimBoards#START_PROPERTY}, {@value SimBoards#SPEED_PROPERTY},
 * {@value SimBoards#ANCHOR_PROPERTY} for the simulated clock; see {@link SimBoards#scheduler}).
 */
public interface SimBoardFactory {

    /** The value of {@value SimBoards#BOARD_PROPERTY} that selects this factory. */
    String name();

    /** A new board for a context with these properties; its creator (this factory) owns and closes it. */
    SimBoard create(Map<String, String> properties);
}
