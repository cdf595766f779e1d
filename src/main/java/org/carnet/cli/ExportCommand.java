package org.carnet.cli;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.carnet.app.Services;
import org.carnet.blog.Blog;
import org.carnet.media.Media;
import org.carnet.transfer.BloggerExport;
import org.carnet.transfer.ExportStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `carnet export blogger --blog NAME --out FILE [--zip]`: a blog as Blogger's classic backup file; with --zip, a
 * zip of that file and the blog's images, each at media/{sha256}/{name}, the path of its address on the blog.
 */
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

        @Option(names = "--zip", description = "Write a zip: the Atom file ({blog}.xml) and the blog's images "
                + "beside it (media/{sha256}/{name}, as in their addresses).")
        boolean zip;

        @Override
        void run(Services services, PrintWriter out) throws IOException {
            Blog b = services.blogs.require(blog);
            // Written next to the target and moved into place: a failed export never leaves half a file.
            Path tmp = Files.createTempFile(outFile.toAbsolutePath().getParent(), ".carnet-export",
                    zip ? ".zip" : ".xml");
            int images = 0;
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                BloggerExport export = new BloggerExport(services.db.jdbi(), new ExportStore());
                if (zip) {
                    images = writeZip(services, b, export, o);
                } else {
                    export.write(b, baseUrl.replaceAll("/+$", ""), o);
                }
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, outFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out.println("Exported " + b.name() + " to " + outFile + (zip ? " with " + images + " images" : ""));
        }

        /** The Atom file, then every image as stored (streamed: never a whole image in memory). */
        private int writeZip(Services services, Blog b, BloggerExport export, OutputStream o) throws IOException {
            ZipOutputStream z = new ZipOutputStream(o, StandardCharsets.UTF_8);
            z.putNextEntry(new ZipEntry(b.name() + ".xml"));
            export.write(b, baseUrl.replaceAll("/+$", ""), new FilterOutputStream(z) {
                @Override
                public void close() {
                    // The Atom writer's end is not the zip's.
                }

                @Override
                public void write(byte[] bytes, int off, int len) throws IOException {
                    out.write(bytes, off, len);
                }
            });
            z.closeEntry();
            int count = 0;
            for (Media m : services.media.allOf(b)) {
                var blob = services.media.open(services.media.keyFor(m, 0), null);
                if (blob.isEmpty()) {
                    throw new IOException("the image " + m.contentHash() + " (" + m.originalName()
                            + ") is missing from the media store");
                }
                try (var content = blob.get()) {
                    z.putNextEntry(new ZipEntry("media/" + m.contentHash() + "/" + m.fileName()));
                    content.content().transferTo(z);
                    z.closeEntry();
                    count++;
                }
            }
            z.finish();
            return count;
        }
    }
}
