package org.carnet.core;

import java.util.function.Supplier;

/**
 * A value computed on first use only, then kept (thread-safe): for what needs the database to be made, such as the
 * keys that sign forms and cookies, whose secrets are created in the database when first needed.
 */
public final class Once {

    private Once() {
    }

    public static <T> Supplier<T> of(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        v = value;
                        if (v == null) {
                            v = supplier.get();
                            value = v;
                        }
                    }
                }
                return v;
            }
        };
    }
}
