package org.carnet.post;

/** Per post, an author can close new comments, or also hide the existing ones. */
public record CommentSwitches(boolean closed, boolean hidden) {

    public static final CommentSwitches OPEN = new CommentSwitches(false, false);
}
