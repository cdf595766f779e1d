package org.carnet.transfer;

/** Told as an import goes (every few hundred entries), so a person watching sees it move. */
public interface ImportProgress {

    void update(int entries, int posts, int comments);

    /** The old blog's images: done (fetched or given up) out of total, told after each one. */
    default void images(int done, int total) {
    }

    ImportProgress NONE = (entries, posts, comments) -> { };
}
