package org.carnet.cli;

/** The terminal a command runs in, as far as the CLI's messages care. */
public final class Terminal {

    private Terminal() {
    }

    /** fr when the terminal's locale is French (LANG=fr_FR.UTF-8), else English. */
    public static String language() {
        String lang = System.getenv("LANG");
        return lang != null && lang.startsWith("fr") ? "fr" : "en";
    }
}
