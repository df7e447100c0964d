package io.waypoint.sim;

import com.pi4j.extension.Plugin;
import com.pi4j.extension.PluginService;
import io.waypoint.sim.board.SimBoard;
import io.waypoint.sim.board.SimBoards;
import io.waypoint.sim.pi4j.SimProviders;
import java.util.Map;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * hal-sim as a Pi4J 2.8 plugin: digital input, digital output and I2C providers backed by the
 * simulated board that the context property {@value SimBoards#BOARD_PROPERTY} names (see
 * {@link SimBoards}).
 *
 * <p>Found by Pi4J's {@link java.util.ServiceLoader} through
 * {@code META-INF/services/com.pi4j.extension.Plugin}, and marked {@link #isMock() mock}: Pi4J skips
 * it unless the context is built with {@code autoDetectMockPlugins()}, so a Raspberry Pi in the field
 * never loads it even with hal-sim on its class path. In sim mode an application builds its context with
 * {@code Pi4J.newContextBuilder().autoDetectMockPlugins().autoDetectPlatforms().disableShutdownHook()}
 * and the board property; its providers' priority ({@link SimProviders#PRIORITY}) wins over every
 * other provider of the same I/O type.
 *
 * <p>Pi4J 2.8 enables mock plugins by default on any machine it does not recognise as a Raspberry
 * Pi, so the board property is the real opt-in: without {@value SimBoards#BOARD_PROPERTY} the plugin
 * registers nothing and the context gets the usual providers (gpiod, linuxfs). With the property set
 * to a name that matches no board, the providers are still registered (so a simulated run never falls
 * through to real hardware) and every attempt to create an I/O fails with the reason.
 */
public final class SimPlugin implements Plugin {

    @Override
    public boolean isMock() {
        return true;
    }

    @Override
    public void initialize(PluginService service) {
        Map<String, String> properties = service.context().properties().all();
        if (!properties.containsKey(SimBoards.BOARD_PROPERTY)) {
            Logger.debug("hal-sim: Pi4J context property {} not set: not simulating", SimBoards.BOARD_PROPERTY);
            return;
        }
        Supplier<SimBoard> board;
        try {
            SimBoard b = SimBoards.create(properties);
            board = () -> b;
        } catch (RuntimeException e) {
            String reason = e.getMessage();
            Logger.error("hal-sim: no simulated board for this Pi4J context: {}", reason);
            board = () -> {
                throw new IllegalStateException(reason);
            };
        }
        service.register(SimProviders.on(board));
    }
}
