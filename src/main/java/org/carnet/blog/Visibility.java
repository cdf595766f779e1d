package org.carnet.blog;

/** Who may read a blog: everyone, or only its members. */
public enum Visibility {
    PUBLIC, PRIVATE
}
