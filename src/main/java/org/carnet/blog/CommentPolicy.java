package org.carnet.blog;

/** Who may post a comment on a blog's posts (Blogger's "Who can comment?"). */
public enum CommentPolicy {
    ANYONE, REGISTERED, MEMBERS, NOBODY
}
