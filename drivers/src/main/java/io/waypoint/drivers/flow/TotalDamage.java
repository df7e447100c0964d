package io.waypoint.drivers.flow;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The flow total's file was damaged when the meter opened (a card that failed, a truncated copy): the
 * damaged bytes were kept aside and the meter went on from what could still be read.
 *
 * @param file          the flow total file
 * @param problem       what is wrong with it ("is 1000 bytes, expected 4096", "has no readable record")
 * @param keptAside     where the damaged bytes are now; empty when the card let nothing be written, so the
 *                      damaged file is still in place and the total lives in memory only
 * @param keptLitres    the total the meter goes on from: the newest readable record's, or 0
 * @param anyReadable   whether any record could be read (false: counting restarts from 0 L)
 */
public record TotalDamage(Path file, String problem, Optional<Path> keptAside, double keptLitres, boolean anyReadable) {}
