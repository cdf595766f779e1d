package org.carnet.testkit;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits with a deadline, which say what they waited for when it passes: no test hangs, none fails mutely. */
public final class Waits {

    /** Long enough for anything a test waits for on a loaded 2-core machine; short of any CI timeout. */
    public static final Duration DEADLINE = Duration.ofSeconds(60);

    private Waits() {
    }

    /** The result of a task (its failure as thrown by Future.get), or an AssertionError naming it after the deadline. */
    public static <T> T result(Future<T> task, String what) throws ExecutionException, InterruptedException {
        try {
            return task.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new AssertionError("waited " + DEADLINE.toSeconds() + " s for " + what, e);
        }
    }

    /** Polls condition (every 20 ms) until it holds, or fails naming what after the deadline. */
    public static void until(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!Boolean.TRUE.equals(condition.call())) {
            if (System.nanoTime() > end) {
                throw new AssertionError("waited " + DEADLINE.toSeconds() + " s for " + what);
            }
            Thread.sleep(20);
        }
    }
}
