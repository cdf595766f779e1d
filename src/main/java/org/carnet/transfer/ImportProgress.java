package org.carnet.transfer;

/** Told as an import goes (every few hundred entries), so a person watching sees it move. */
public interface ImportProgress {

    void update(int entries, int posts, int comments);

    ImportProgress NONE = (entries, posts, comments) -> { };
}
