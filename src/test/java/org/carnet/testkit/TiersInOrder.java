package org.carnet.testkit;

import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Tag;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs the fast tier first, so that a broken build says so within the first minute, then the browser tier (its
 * classes run one at a time: started early, they overlap the rest), then PostgreSQL, then volume. Within a tier,
 * by name, for a stable order.
 */
public final class TiersInOrder implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(TiersInOrder::rank)
                .thenComparing(d -> d.getTestClass().getName()));
    }

    private static int rank(ClassDescriptor d) {
        Set<String> tags = AnnotationSupport.findRepeatableAnnotations(d.getTestClass(), Tag.class).stream()
                .map(Tag::value).collect(Collectors.toSet());
        if (tags.contains(Tier.BROWSER)) {
            return 1;
        }
        if (tags.contains(Tier.POSTGRES)) {
            return 2;
        }
        return tags.contains(Tier.VOLUME) ? 3 : 0;
    }
}
