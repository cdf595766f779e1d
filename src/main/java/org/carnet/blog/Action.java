package org.carnet.blog;

/** Everything someone may or may not do on a blog; blog/Access decides. */
public enum Action {
    READ, WRITE_POST, EDIT_OTHERS_POSTS, COMMENT, MODERATE_COMMENTS, MANAGE_MEMBERS, CHANGE_SETTINGS, DELETE_BLOG,
    /** Add images to the blog's media library (and delete one's own). */
    UPLOAD_MEDIA,
    /** Delete images someone else uploaded. */
    DELETE_OTHERS_MEDIA
}
