package org.carnet.media;

import gg.jte.generated.precompiled.Templates;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carnet.blog.Access;
import org.carnet.blog.Blog;
import org.carnet.blog.BlogService;
import org.carnet.core.Problem;
import org.carnet.core.Viewer;
import org.carnet.web.Forms;
import org.carnet.web.Pages;
import org.carnet.web.Web;

/**
 * A blog's media library: the grid of its images with a search by name, the upload form (plain multipart, works
 * without JavaScript; a small script adds drag and drop), each image's page (alt text, where it is used, delete
 * when unused), and the upload endpoint that answers JSON for the editor.
 */
public final class MediaAdminRoutes {

    private static final int PAGE_SIZE = 200;
    /** The library page runs its one script (drag and drop), served from the jar. */
    private static final String LIBRARY_POLICY = org.carnet.web.RequestSetup.POLICY_WITH_OWN_SCRIPTS;

    private final BlogService blogs;
    private final MediaService media;
    private final Pages pages;
    private final Templates templates;

    public MediaAdminRoutes(BlogService blogs, MediaService media, Pages pages) {
        this.blogs = blogs;
        this.media = media;
        this.pages = pages;
        this.templates = pages.templates();
    }

    public void register(RoutesConfig r) {
        r.get("/{blog}/admin/media", this::library);
        r.post("/{blog}/admin/media", this::upload);
        r.get("/{blog}/admin/media/{id}", this::image);
        r.post("/{blog}/admin/media/{id}", this::saveAlt);
        r.get("/{blog}/admin/media/{id}/delete", this::confirmDelete);
        r.post("/{blog}/admin/media/{id}/delete", this::delete);
    }

    private Blog blog(Context ctx) {
        Web.requireUser(ctx);
        return blogs.require(ctx.pathParam("blog"));
    }

    private long id(Context ctx) {
        Long id = Forms.id(ctx.pathParam("id"));
        if (id == null) {
            throw Problem.notFound("media.notFound");
        }
        return id;
    }

    private void library(Context ctx) {
        showLibrary(ctx, blog(ctx), null, notice(ctx));
    }

    private String notice(Context ctx) {
        var m = Web.accountMessages(ctx);
        if (ctx.queryParam("uploaded") != null) {
            Long count = Forms.id(ctx.queryParam("uploaded"));
            return m.t("media.uploaded", count == null ? 1 : count);
        }
        if (ctx.queryParam("deleted") != null) {
            return m.t("media.deleted");
        }
        if (ctx.queryParam("saved") != null) {
            return m.t("media.saved");
        }
        return null;
    }

    private void showLibrary(Context ctx, Blog blog, String error, String notice) {
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        List<Media> images = media.list(Web.viewer(ctx), blog, q, PAGE_SIZE);
        long[] usage = media.usage(blog);
        ctx.header("Content-Security-Policy", LIBRARY_POLICY);
        pages.render(ctx, templates.mediaLibrary(pages.blogAdminPage(ctx, blog, "media.title"), images, q,
                usage[0], usage[1], media.maxFileMegabytes(), error, notice));
    }

    /**
     * One file or several (the form's input is "multiple"). With Accept: application/json (the editor), the
     * first image as JSON: {id, url, width, height, alt, srcset, name}; errors come as JSON too.
     */
    private void upload(Context ctx) {
        Blog blog = blog(ctx);
        Viewer viewer = Web.viewer(ctx);
        List<UploadedFile> files = ctx.uploadedFiles("file");
        String alt = Forms.field(ctx, "alt");
        if (Web.wantsJson(ctx)) {
            if (files.isEmpty() || files.get(0).size() == 0) {
                throw Problem.invalid("media.file.required");
            }
            Media m = add(viewer, blog, files.get(0), alt);
            ctx.status(HttpStatus.CREATED).json(json(ctx, blog, m));
            return;
        }
        Forms.submit(ctx, () -> {
            if (files.isEmpty() || files.stream().allMatch(f -> f.size() == 0)) {
                throw Problem.invalid("media.file.required");
            }
            List<Media> added = new ArrayList<>();
            for (UploadedFile f : files) {
                if (f.size() > 0) {
                    try {
                        added.add(add(viewer, blog, f, alt));
                    } catch (Problem p) {
                        // Say which file was refused (those before it are in the library already).
                        throw new Problem(p.kind(), "media.refused.named", MediaService.cleanName(f.filename()),
                                p.message(Web.messagesForErrors(ctx)));
                    }
                }
            }
            ctx.redirect(Pages.blogBase(ctx, blog) + "/admin/media?uploaded=" + added.size(), HttpStatus.SEE_OTHER);
        }, error -> showLibrary(ctx, blog, error, null));
    }

    private Media add(Viewer viewer, Blog blog, UploadedFile file, String alt) {
        return media.upload(viewer, blog, file.content(), file.filename(), alt);
    }

    private static Map<String, Object> json(Context ctx, Blog blog, Media m) {
        String base = Pages.blogBase(ctx, blog);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("url", MediaService.url(base, m));
        out.put("width", m.width());
        out.put("height", m.height());
        out.put("alt", m.alt());
        out.put("srcset", MediaService.srcset(base, m));
        out.put("name", m.originalName());
        return out;
    }

    private void image(Context ctx) {
        Blog blog = blog(ctx);
        showImage(ctx, blog, media.require(Web.viewer(ctx), blog, id(ctx)), null, notice(ctx));
    }

    private void showImage(Context ctx, Blog blog, Media m, String error, String notice) {
        var page = pages.blogAdminPage(ctx, blog, "media.image.title");
        boolean mayChange = Access.mayDeleteMedia(page.admin().allowed(), Web.viewer(ctx), m.uploaderId());
        pages.render(ctx, templates.mediaImage(page, m, media.uses(blog, m), mayChange, error, notice));
    }

    private void saveAlt(Context ctx) {
        Blog blog = blog(ctx);
        long id = id(ctx);
        Media m = media.require(Web.viewer(ctx), blog, id);
        Forms.submit(ctx, () -> {
            media.setAlt(Web.viewer(ctx), blog, id, Forms.field(ctx, "alt"));
            ctx.redirect(Pages.blogBase(ctx, blog) + "/admin/media/" + id + "?saved", HttpStatus.SEE_OTHER);
        }, error -> showImage(ctx, blog, m, error, null));
    }

    private void confirmDelete(Context ctx) {
        Blog blog = blog(ctx);
        Media m = media.require(Web.viewer(ctx), blog, id(ctx));
        var page = pages.blogAdminPage(ctx, blog, "media.delete.title");
        if (!Access.mayDeleteMedia(page.admin().allowed(), Web.viewer(ctx), m.uploaderId())) {
            throw Problem.forbidden("media.delete.denied");
        }
        pages.render(ctx, templates.mediaDelete(page, m, media.uses(blog, m), null));
    }

    private void delete(Context ctx) {
        Blog blog = blog(ctx);
        long id = id(ctx);
        Media m = media.require(Web.viewer(ctx), blog, id);
        Forms.submit(ctx, () -> {
            media.delete(Web.viewer(ctx), blog, id);
            ctx.redirect(Pages.blogBase(ctx, blog) + "/admin/media?deleted", HttpStatus.SEE_OTHER);
        }, error -> pages.render(ctx, templates.mediaDelete(pages.blogAdminPage(ctx, blog, "media.delete.title"), m,
                media.uses(blog, m), error)));
    }
}
