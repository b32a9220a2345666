/**
 * The operators' dashboard: one static page (HTML, CSS and plain JavaScript kept in this jar under
 * {@code META-INF/reactortime/dashboard/}) that reads the Actuator endpoints, and the {@code calllag} endpoint that
 * gives its lag chart p50 and p99. Off unless {@code reactortime.dashboard.enabled=true}.
 */
@NullMarked
package dev.reactortime.autoconfigure.dashboard;

import org.jspecify.annotations.NullMarked;
