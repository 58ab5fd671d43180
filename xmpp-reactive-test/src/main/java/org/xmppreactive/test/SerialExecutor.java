package org.xmppreactive.test;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.Exceptions;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Runs the tasks of one in-memory connection one at a time, on the thread that submitted while none ran (a
 * trampoline, no thread of its own). A task submitted from inside a task runs after it, so the connection's state is
 * only ever touched by one task and re-entrant calls from subscribers cannot interleave with a running step.
 */
final class SerialExecutor {

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();

    /** Runs {@code task} now if no task is running, otherwise after the running ones, on the thread running them. */
    void execute(Runnable task) {
        tasks.offer(task);
        if (pending.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            for (Runnable next = tasks.poll(); next != null; next = tasks.poll()) {
                try {
                    next.run();
                } catch (Throwable e) {
                    Exceptions.throwIfJvmFatal(e);
                    // A subscriber threw from a signal: report it as Reactor does, keep the connection going.
                    Operators.onErrorDropped(e, Context.empty());
                }
            }
            missed = pending.addAndGet(-missed);
        } while (missed != 0);
    }
}
