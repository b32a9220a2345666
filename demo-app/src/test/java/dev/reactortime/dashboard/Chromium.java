package dev.reactortime.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium driven through the system's chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs): both paths are set, so Selenium Manager never downloads a
 * browser or a driver. Missing binaries fail the test: CI has them, and a skipped browser test would prove nothing.
 */
final class Chromium implements AutoCloseable {

	static final Path BROWSER = Path.of("/usr/bin/chromium");

	static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private final Path profile;

	private final ChromeDriver driver;

	private Chromium(int width, int height) throws IOException {
		if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
			throw new IllegalStateException("The browser tests need " + BROWSER + " and " + DRIVER
					+ ": apt-get install chromium chromium-driver (.ci/run does)");
		}
		this.profile = Files.createTempDirectory("reactortime-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BROWSER.toFile());
		// Without the background-networking flags Chromium keeps calling home, which floods a closed network.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--user-data-dir=" + this.profile, "--window-size=" + width + "," + height);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		this.driver.manage().window().setSize(new Dimension(width, height));
	}

	/**
	 * A desktop-sized browser.
	 * @return the browser
	 * @throws IOException if its profile directory cannot be made
	 */
	static Chromium start() throws IOException {
		return new Chromium(1280, 900);
	}

	ChromeDriver driver() {
		return this.driver;
	}

	@Override
	public void close() throws IOException {
		try {
			this.driver.quit();
		}
		finally {
			try (Stream<Path> files = Files.walk(this.profile)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

}
