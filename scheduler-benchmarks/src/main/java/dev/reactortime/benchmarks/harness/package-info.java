/**
 * Plain mains, one fresh JVM per implementation: C (fire throughput), D (fire lag), E (retained bytes), F (idle wake-ups).
 */
@NullMarked
package dev.reactortime.benchmarks.harness;

import org.jspecify.annotations.NullMarked;
