/**
 * Reads every scenario's raw results and prints the comparison table, the {@code RESULT} lines, {@code latest.md} and the lag chart.
 */
@NullMarked
package dev.reactortime.benchmarks.report;

import org.jspecify.annotations.NullMarked;
