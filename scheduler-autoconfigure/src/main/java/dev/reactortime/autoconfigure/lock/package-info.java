/**
 * Locks across instances: ShedLock's {@code @SchedulerLock} on {@code @Looping} and {@code @CallLater} methods, the
 * {@link dev.reactortime.CallLock} adapter over a ShedLock {@code LockProvider}, and the auto-configured JDBC lock
 * provider.
 */
@NullMarked
package dev.reactortime.autoconfigure.lock;

import org.jspecify.annotations.NullMarked;
