package org.carnet.search;

import java.util.List;

/**
 * One page of results.
 *
 * @param total how many posts match in all (exact), for the pager
 */
public record Results(int total, List<Hit> hits) {

    public static final Results EMPTY = new Results(0, List.of());

    public Results {
        hits = List.copyOf(hits);
    }
}
