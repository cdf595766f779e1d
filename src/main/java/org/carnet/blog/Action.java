package org.carnet.blog;

/** Everything someone may or may not do on a blog; blog/Access decides. */
public enum Action {
    READ, WRITE_POST, EDIT_OTHERS_POSTS, COMMENT, MODERATE_COMMENTS, MANAGE_MEMBERS, CHANGE_SETTINGS, DELETE_BLOG
}
