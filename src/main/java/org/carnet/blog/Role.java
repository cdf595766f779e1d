package org.carnet.blog;

/** A member's role on one blog, from most to least powerful. */
public enum Role {
    ADMIN, AUTHOR, READER
}
