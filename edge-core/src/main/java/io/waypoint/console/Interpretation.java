package io.waypoint.console;

/** What a typed line means, decided without running anything. */
sealed interface Interpretation {

    /** Nothing typed: show the prompt again. */
    record Blank() implements Interpretation {
    }

    /** The shell answers by itself: help, or why the line cannot run and what to type instead. */
    record Answer(String text) implements Interpretation {
    }

    /** A known command with checked arguments. */
    record Run(Command command, Args args) implements Interpretation {
    }
}
