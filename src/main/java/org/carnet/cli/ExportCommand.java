package org.carnet.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.carnet.app.Services;
import org.carnet.blog.Blog;
import org.carnet.transfer.BloggerExport;
import org.carnet.transfer.ExportStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `carnet export blogger --blog NAME --out FILE`: a blog as Blogger's classic backup file. */
@Command(name = "export", description = "Export a blog.", subcommands = {ExportCommand.Blogger.class})
public final class ExportCommand {

    @Command(name = "blogger", description = "As Blogger's classic \"Back up content\" Atom file.")
    static final class Blogger extends AdminCommand {

        @Option(names = "--blog", required = true, paramLabel = "NAME")
        String blog;

        @Option(names = "--out", required = true, paramLabel = "FILE")
        Path outFile;

        @Option(names = "--base-url", paramLabel = "URL", defaultValue = "http://localhost:8080",
                description = "The instance's public URL, for the links in the file. Env CARNET_BASE_URL.")
        String baseUrl;

        @Override
        void run(Services services, PrintWriter out) throws IOException {
            Blog b = services.blogs.require(blog);
            // Written next to the target and moved into place: a failed export never leaves half a file.
            Path tmp = Files.createTempFile(outFile.toAbsolutePath().getParent(), ".carnet-export", ".xml");
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                new BloggerExport(services.db.jdbi(), new ExportStore()).write(b, baseUrl.replaceAll("/+$", ""), o);
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, outFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out.println("Exported " + b.name() + " to " + outFile);
        }
    }
}
