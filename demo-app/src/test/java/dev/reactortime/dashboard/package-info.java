/**
 * The operators' dashboard of the demo in a real headless Chromium: what it shows, what it does, under read-only
 * access and under Spring Security. Outside the demo's package, so the demo's component scan never sees these
 * tests' configurations.
 */
@NullMarked
package dev.reactortime.dashboard;

import org.jspecify.annotations.NullMarked;
