package dev.reactortime.dashboard;

import java.io.IOException;
import java.time.Duration;

import dev.reactortime.autoconfigure.test.VirtualReactorTime;
import dev.reactortime.demo.DemoApplication;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo's dashboard with the endpoints at their default, read-only access: the page still shows everything, and
 * every button that would write is disabled with the reason, naming the property that would allow it.
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoint.loopingcalls.access=read-only",
				"management.endpoint.delayedcalls.access=read-only" })
@VirtualReactorTime
@DirtiesContext
class ReadOnlyDashboardBrowserTests {

	@LocalServerPort
	int port;

	@Test
	void buttonsThatWouldWriteAreDisabledWithTheReason() throws IOException {
		try (Chromium chromium = Chromium.start()) {
			Dashboard dashboard = new Dashboard(chromium.driver(), this.port);
			dashboard.open();
			await().atMost(Duration.ofSeconds(10))
				.ignoreExceptions()
				.until(() -> dashboard.loopNames().contains("heartbeat")
						&& dashboard.callNames().contains("hour-reminder"));

			WebElement heartbeat = dashboard.loop("heartbeat");
			for (String action : new String[] { "pause", "run-now", "reset", "stop" }) {
				WebElement button = Dashboard.button(heartbeat, action);
				assertThat(button.isEnabled()).as(action).isFalse();
				assertThat(button.getAttribute("title")).as(action)
					.startsWith("read-only: management.endpoint.loopingcalls.access");
			}
			WebElement cancel = Dashboard.button(dashboard.call("hour-reminder"), "cancel");
			assertThat(cancel.isEnabled()).isFalse();
			assertThat(cancel.getAttribute("title")).startsWith("read-only: management.endpoint.delayedcalls.access");

			// The reason is on screen too, not only in a tooltip.
			assertThat(chromium.driver().findElement(By.id("loops-note")).getText())
				.startsWith("read-only: management.endpoint.loopingcalls.access is read-only");
			assertThat(chromium.driver().findElement(By.id("calls-note")).getText())
				.startsWith("read-only: management.endpoint.delayedcalls.access is read-only");
			assertThat(dashboard.alert()).isEmpty();
		}
	}

}
