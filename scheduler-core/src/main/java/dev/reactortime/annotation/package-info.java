/**
 * Annotations that turn bean methods into delayed and looping calls. The core only defines them; the
 * {@code scheduler-autoconfigure} module processes them in a Spring application.
 */
@NullMarked
package dev.reactortime.annotation;

import org.jspecify.annotations.NullMarked;
