/**
 * The reactor: Twisted's time model for the JVM.
 *
 * <p>Start at {@link dev.reactortime.Reactor}: {@code callLater} returns a cancellable
 * {@link dev.reactortime.DelayedCall}, {@code deferLater} a {@code CompletableFuture},
 * {@code loopingCall} a {@link dev.reactortime.LoopingCall}, and {@code timeout} bounds any future.
 * {@link dev.reactortime.VirtualTimeReactor} is the same reactor on a clock that tests move by hand.
 */
@NullMarked
package dev.reactortime;

import org.jspecify.annotations.NullMarked;
