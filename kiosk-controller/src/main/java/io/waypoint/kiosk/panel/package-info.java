/**
 * The kiosk's panel: what its 20×4 character LCD shows, in Spanish, English, French, Haitian Creole
 * or Portuguese, in plain words for people who may barely read.
 *
 * <p>{@link io.waypoint.kiosk.panel.Panel} decides which screen to show now from the policies' state
 * and the buttons recently pressed; {@link io.waypoint.kiosk.panel.Screen} is four lines of exactly
 * twenty characters, kept in Unicode; {@link io.waypoint.kiosk.panel.AsciiFold} turns them into
 * plain ASCII for an HD44780 with the common A00 ROM, which lacks accented letters, one character
 * for one, at the edge (an LCD driver may instead map a few letters to its eight custom glyphs).
 * Every prompt in every language is tested to fit after folding, and to keep its meaning.
 *
 * <p>Pure logic like the policies: every method takes the time; nothing here touches the display.
 */
package io.waypoint.kiosk.panel;
