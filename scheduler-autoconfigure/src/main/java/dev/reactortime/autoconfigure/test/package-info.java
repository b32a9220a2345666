/**
 * Test support: {@link dev.reactortime.autoconfigure.test.VirtualReactorTime} puts an application context on a
 * {@link dev.reactortime.VirtualTimeReactor} that a test moves by hand.
 */
@NullMarked
package dev.reactortime.autoconfigure.test;

import org.jspecify.annotations.NullMarked;
