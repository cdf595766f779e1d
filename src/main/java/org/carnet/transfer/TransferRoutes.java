package org.carnet.transfer;

import gg.jte.generated.precompiled.Templates;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.carnet.blog.Access;
import org.carnet.blog.Action;
import org.carnet.blog.Blog;
import org.carnet.blog.BlogService;
import org.carnet.core.Problem;
import org.carnet.web.Forms;
import org.carnet.web.Pages;
import org.carnet.web.Web;

/** HTTP for moving blogs: uploading an export (with progress, then a summary) and downloading one. */
public final class TransferRoutes {

    private final BlogService blogs;
    private final Access access;
    private final ImportJobs jobs;
    private final BloggerExport export;
    private final Path uploads;
    private final String baseUrl;
    private final Pages pages;
    private final Templates templates;

    public TransferRoutes(BlogService blogs, Access access, ImportJobs jobs, BloggerExport export, Path uploads,
                          String baseUrl, Pages pages) {
        this.blogs = blogs;
        this.access = access;
        this.jobs = jobs;
        this.export = export;
        this.uploads = uploads;
        this.baseUrl = baseUrl;
        this.pages = pages;
        this.templates = pages.templates();
    }

    public void register(RoutesConfig r) {
        r.get("/{blog}/admin/import", this::form);
        r.post("/{blog}/admin/import", this::upload);
        r.get("/{blog}/admin/import/{job}", this::status);
        r.get("/{blog}/admin/export", this::download);
    }

    /** The blog, if the viewer is its admin (moving content in or out is theirs to do). */
    private Blog adminBlog(Context ctx) {
        Web.requireUser(ctx);
        Blog blog = blogs.require(ctx.pathParam("blog"));
        access.require(Web.viewer(ctx), blog, Action.CHANGE_SETTINGS);
        return blog;
    }

    private void form(Context ctx) {
        Blog blog = adminBlog(ctx);
        show(ctx, blog, null);
    }

    private void show(Context ctx, Blog blog, String error) {
        pages.render(ctx, templates.transferImport(pages.blogAdminPage(ctx, blog, "import.title"), error));
    }

    private void upload(Context ctx) {
        Blog blog = adminBlog(ctx);
        UploadedFile file = ctx.uploadedFile("file");
        String format = Forms.field(ctx, "format");
        Forms.submit(ctx, () -> {
            if (file == null || file.size() == 0) {
                throw Problem.invalid("import.file.required");
            }
            if (!format.equals("blogger") && !format.equals("wordpress")) {
                throw Problem.invalid("import.format.invalid");
            }
            Path saved = save(file);
            ExportFile exportFile = ExportFile.open(format, saved);
            String job = jobs.start(blog, exportFile, () -> {
                try {
                    Files.deleteIfExists(saved);
                } catch (IOException ignored) {
                    // a leftover upload in the data directory's imports folder is harmless
                }
            });
            ctx.redirect(Pages.blogBase(ctx, blog) + "/admin/import/" + job, HttpStatus.SEE_OTHER);
        }, error -> show(ctx, blog, error));
    }

    private Path save(UploadedFile file) {
        try {
            Files.createDirectories(uploads);
            Path saved = Files.createTempFile(uploads, "import-", ".upload");
            try (InputStream in = file.content()) {
                Files.copy(in, saved, StandardCopyOption.REPLACE_EXISTING);
            }
            return saved;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void status(Context ctx) {
        Blog blog = adminBlog(ctx);
        ImportJobs.State state = jobs.get(blog, ctx.pathParam("job"))
                .orElseThrow(() -> Problem.notFound("import.job.notFound"));
        var m = Web.accountMessages(ctx);
        pages.render(ctx, templates.transferStatus(pages.blogAdminPage(ctx, blog, "import.title"), state,
                state.errorKey() == null ? null : m.t(state.errorKey(), state.errorArgs())));
    }

    private void download(Context ctx) throws IOException {
        Blog blog = adminBlog(ctx);
        String base = baseUrl != null ? baseUrl : ctx.scheme() + "://" + ctx.host();
        ctx.contentType("application/atom+xml; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + blog.name() + "-blogger.xml\"");
        try (var out = ctx.outputStream()) {
            export.write(blog, base, out);
        }
    }
}
