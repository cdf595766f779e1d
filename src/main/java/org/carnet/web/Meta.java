package org.carnet.web;

/**
 * What search engines and link previews read in a page's head: canonical address, description, image, kind
 * (website or article), structured data (JSON-LD, already serialised and safe inside a script element).
 */
public record Meta(String canonical, String description, String image, String type, String jsonLd) {
}
