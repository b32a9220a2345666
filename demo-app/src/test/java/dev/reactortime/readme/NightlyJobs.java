package dev.reactortime.readme;

import java.util.concurrent.atomic.AtomicInteger;

import dev.reactortime.annotation.Looping;

import org.springframework.stereotype.Component;

/**
 * The README's cron example.
 */
// tag::cron[]
@Component
class NightlyJobs {

	final AtomicInteger reports = new AtomicInteger();

	@Looping(cron = "0 0 2 * * *", zone = "Europe/Berlin")   // 02:00 in Berlin, once a night, all year
	void report() { reports.incrementAndGet(); }

	@Looping(interval = "10m", initialDelay = "30s")         // first at 30 s, then every 10 min
	void refresh() { }
}
// end::cron[]
