package org.carnet.transfer;

import java.util.ArrayList;
import java.util.List;

/** Keeps every callback, in order, so that tests can check both what was found and when. */
final class RecordingSink implements ImportSink {

    record Skipped(String sourceId, String reason) {
    }

    final List<Object> events = new ArrayList<>();

    @Override
    public void blog(ImportedBlog blog) {
        events.add(blog);
    }

    @Override
    public void post(ImportedPost post) {
        events.add(post);
    }

    @Override
    public void comment(ImportedComment comment) {
        events.add(comment);
    }

    @Override
    public void skipped(String sourceId, String reason) {
        events.add(new Skipped(sourceId, reason));
    }

    <T> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
