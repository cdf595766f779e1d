package org.carnet.cli;

import java.io.PrintWriter;
import org.carnet.app.Services;
import org.carnet.search.SearchSync;
import picocli.CommandLine.Command;

/**
 * `carnet reindex`: rebuilds this node's search index from the database (with the server stopped: a running
 * server holds the index, and rebuilds it by itself at start when it is missing or damaged).
 */
@Command(name = "reindex", description = "Rebuild the search index from the database (server stopped).")
public final class ReindexCommand extends AdminCommand {

    @Override
    void run(Services services, PrintWriter out) {
        try (SearchSync sync = SearchSync.open(store.dataDir.resolve("index"), services.db.jdbi(), services.clock)) {
            out.println("Search index rebuilt: " + sync.rebuild() + " posts.");
        }
    }
}
