/**
 * Benchmarks of the reactor against its peers (DESIGN.md section 7): {@code run.sh quick|full} runs them all.
 */
@NullMarked
package dev.reactortime.benchmarks;

import org.jspecify.annotations.NullMarked;
