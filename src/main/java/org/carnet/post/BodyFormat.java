package org.carnet.post;

/**
 * How a post or page body is written: Markdown typed in Carnet, or HTML (Carnet's rich editor,
 * or a body imported from Blogger or WordPress). Both end up as safe HTML through
 * {@link BodyRenderer}.
 */
public enum BodyFormat {
    MARKDOWN,
    HTML
}
