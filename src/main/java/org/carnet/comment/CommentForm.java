package org.carnet.comment;

/** The comment form as shown again after a refusal (what was typed, and why it was refused). */
public record CommentForm(String body, String name, String url, Long replyTo, String error) {

    public static CommentForm empty(Long replyTo) {
        return new CommentForm("", "", "", replyTo, null);
    }
}
