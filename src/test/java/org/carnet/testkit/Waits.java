package org.carnet.testkit;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

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

    /**
     * The first non-null value the probe gives, asked every 50 ms, or an AssertionError naming it after the
     * deadline: for what another thread records a moment after the answer a test saw (a job's row, a mail).
     */
    public static <T> T until(Supplier<T> probe, String what) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("waited " + DEADLINE.toSeconds() + " s for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Polls condition until it holds, or fails naming what after the deadline. */
    public static void until(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        until(() -> {
            try {
                return Boolean.TRUE.equals(condition.call()) ? Boolean.TRUE : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, what);
    }
}
