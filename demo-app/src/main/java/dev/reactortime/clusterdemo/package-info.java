/**
 * The several-instances demo: one small application, started three times against one PostgreSQL by
 * {@code demo-app/several-instances.sh}, whose instances take turns running a locked loop.
 */
@NullMarked
package dev.reactortime.clusterdemo;

import org.jspecify.annotations.NullMarked;
