package org.carnet.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.carnet.app.Services;
import org.carnet.core.Messages;
import org.carnet.core.Problem;
import org.carnet.core.User;
import org.carnet.transfer.BloggerExportReader;
import org.carnet.transfer.ExportFile;
import org.carnet.transfer.ImageFetching;
import org.carnet.transfer.ImageNotFetched;
import org.carnet.transfer.ImportFormatException;
import org.carnet.transfer.ImportProgress;
import org.carnet.transfer.ImportSummary;
import org.carnet.transfer.UnappliedSetting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `carnet import blogger|wordpress FILE --blog NAME [--create]`: moving a blog in, all or nothing. */
@Command(name = "import", description = "Import a blog export (all or nothing; importing twice changes nothing).",
        subcommands = {ImportCommand.Blogger.class, ImportCommand.WordPress.class})
public final class ImportCommand {

    /** What both formats share: the target blog, its creation, the progress line, the summary. */
    abstract static class ImportInto extends AdminCommand {

        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Option(names = "--blog", required = true, paramLabel = "NAME")
        String blog;

        @Option(names = "--create", description = "Create the blog, with the file's settings (title, description, "
                + "language, time zone, who may comment, moderation, visibility, posts per page, search engines)")
        boolean create;

        @Option(names = "--owner", paramLabel = "EMAIL",
                description = "With --create: its first admin (default: the first instance admin)")
        String owner;

        @Option(names = "--no-images", description = "Leave the old blog's images where they are (by default they "
                + "are fetched into the blog's images and the posts point to them)")
        boolean noImages;

        @Option(names = "--allow-private-addresses", description = "Also fetch images from private and loopback "
                + "addresses (a test server on your own network); off by default, as fetching must not reach inside "
                + "the network Carnet runs in")
        boolean allowPrivateAddresses;

        abstract ExportFile open(Path file);

        @Override
        void run(Services services, PrintWriter out) {
            if (!Files.isReadable(file)) {
                throw Problem.notFound("import.file.missing", file.toString());
            }
            ExportFile export = open(file);
            Long ownerId = null;
            if (create) {
                User admin = owner != null
                        ? services.accounts.byEmail(owner).orElseThrow(() -> Problem.notFound("account.notFound", owner))
                        : services.accounts.firstInstanceAdmin().orElseThrow(() -> Problem.invalid("cli.owner.required"));
                ownerId = admin.id();
            }
            PrintWriter err = spec.commandLine().getErr();
            ImportProgress bar = new ImportProgress() {
                @Override
                public void update(int entries, int posts, int comments) {
                    err.print("\rentries read " + entries + ", posts " + posts + ", comments " + comments + "   ");
                    err.flush();
                }

                @Override
                public void images(int done, int total) {
                    err.print("\rimages " + done + " of " + total + "                              ");
                    err.flush();
                }
            };
            ImageFetching images = noImages ? ImageFetching.SKIP
                    : allowPrivateAddresses ? ImageFetching.ALLOW_PRIVATE : ImageFetching.PUBLIC_ONLY;
            try {
                ImportSummary s = services.imports.importInto(blog, create, ownerId, export, bar, images);
                err.println();
                out.println("Imported into " + s.blogName() + ": " + s.posts() + " posts, " + s.pages() + " pages, "
                        + s.drafts() + " drafts, " + s.comments() + " comments; " + s.skipped() + " skipped, "
                        + s.alreadyThere() + " already there, " + s.redirects() + " old addresses redirected ("
                        + s.entries() + " entries read).");
                Messages m = Messages.of(Terminal.language());
                if (s.images() > 0 || !s.imagesNotFetched().isEmpty()) {
                    out.println(m.t("import.images.done", s.images()));
                }
                if (!s.imagesNotFetched().isEmpty()) {
                    out.println(m.t("import.images.notFetched"));
                    for (ImageNotFetched image : s.imagesNotFetched()) {
                        out.println("  - " + image.describe(m));
                    }
                }
                if (!s.settingsNotApplied().isEmpty()) {
                    out.println(m.t("import.settings.notApplied"));
                    for (UnappliedSetting setting : s.settingsNotApplied()) {
                        out.println("  - " + setting.describe(m));
                    }
                }
            } catch (ImportFormatException e) {
                err.println();
                throw e.entry() > 0 ? Problem.invalid("import.refused", e.entry(), e.reason())
                        : Problem.invalid("import.refused.file", e.reason());
            }
        }
    }

    @Command(name = "blogger", description = "A Blogger export: classic backup .xml, Takeout feed.atom or Takeout .zip.")
    static final class Blogger extends ImportInto {
        @Override
        ExportFile open(Path file) {
            try {
                BloggerExportReader.detectFile(file);
            } catch (ImportFormatException e) {
                throw e.entry() > 0 ? Problem.invalid("import.refused", e.entry(), e.reason())
                        : Problem.invalid("import.refused.file", e.reason());
            }
            return ExportFile.open("blogger", file);
        }
    }

    @Command(name = "wordpress", description = "A WordPress export (WXR 1.x .xml).")
    static final class WordPress extends ImportInto {
        @Override
        ExportFile open(Path file) {
            return ExportFile.open("wordpress", file);
        }
    }
}
