/**
 * Durable delayed calls: Twisted's {@code callLater} kept in a database table by db-scheduler, so a call outlives
 * a restart or a crash and runs once across all instances. {@link dev.reactortime.durable.DurableCalls} schedules,
 * {@link dev.reactortime.durable.DurableCall} is the handle, {@link dev.reactortime.durable.DurableTask} marks a
 * Spring bean method as a handler. No db-scheduler type appears in this API.
 */
@NullMarked
package dev.reactortime.durable;

import org.jspecify.annotations.NullMarked;
