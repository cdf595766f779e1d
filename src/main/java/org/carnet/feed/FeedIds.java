package org.carnet.feed;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import org.carnet.blog.Blog;

/**
 * Atom ids (and RSS guids), as tag: URIs (RFC 4151) in Blogger's shape:
 * {@code tag:{authority},{year}:blog-{blogId}.post-{postId}}, comments {@code ...post-{postId}.comment-{id}}.
 * A feed reader recognises an entry it has already shown by its id, so ids must not move when a post's title,
 * path or labels change: they hang on database ids only. The year is the blog's creation year (it never
 * changes); the authority is the host of the configured base URL, or failing that the host the request came
 * to: set base-url so that a blog read both on its own domain and on the main host has one set of ids.
 */
final class FeedIds {

    private final String prefix;

    FeedIds(String authority, Blog blog) {
        this.prefix = "tag:" + authority + "," + blog.createdAt().atZone(ZoneOffset.UTC).getYear() + ":blog-"
                + blog.id();
    }

    String blog() {
        return prefix;
    }

    String label(String label) {
        return prefix + ".label-" + URLEncoder.encode(label, StandardCharsets.UTF_8);
    }

    String comments() {
        return prefix + ".comments";
    }

    String post(long postId) {
        return prefix + ".post-" + postId;
    }

    String postComments(long postId) {
        return post(postId) + ".comments";
    }

    String comment(long postId, long commentId) {
        return post(postId) + ".comment-" + commentId;
    }
}
