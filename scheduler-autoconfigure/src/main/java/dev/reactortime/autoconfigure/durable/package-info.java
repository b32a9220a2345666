/**
 * Auto-configuration of durable calls ({@code scheduler-durable}, db-scheduler): the {@code DurableCalls} bean,
 * {@code @DurableTask} handler methods, schema initialisation and meters.
 */
@NullMarked
package dev.reactortime.autoconfigure.durable;

import org.jspecify.annotations.NullMarked;
