package org.carnet.comment;

/**
 * A comment as submitted, with what the spam defence needs. name and url only count for anonymous visitors;
 * replyTo is the comment answered (null: a new thread); honeypot is a field people never see and bots fill;
 * formToken proves the form was shown a few seconds before; visitorToken identifies an anonymous browser.
 */
public record CommentDraft(String body, String name, String url, Long replyTo, String honeypot, String formToken,
                           String visitorToken, String clientAddress) {
}
