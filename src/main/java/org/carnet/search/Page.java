package org.carnet.search;

import java.util.List;

/**
 * One page of results.
 *
 * @param total how many posts match in all (exact), for the pager
 */
public record Page(int total, List<Hit> hits) {

    public static final Page EMPTY = new Page(0, List.of());

    public Page {
        hits = List.copyOf(hits);
    }
}
