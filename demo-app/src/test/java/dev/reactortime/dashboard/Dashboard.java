package dev.reactortime.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * The dashboard of an application on a port, as a browser shows it, and its endpoints as plain HTTP reads them (to
 * check what the page did).
 */
final class Dashboard {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ChromeDriver driver;

	private final String base;

	private final HttpClient http = HttpClient.newHttpClient();

	Dashboard(ChromeDriver driver, int port) {
		this.driver = driver;
		this.base = "http://localhost:" + port;
	}

	String url(String path) {
		return this.base + path;
	}

	/** Opens the page and waits until its first data is on screen. */
	void open() {
		this.driver.get(url("/reactortime"));
		await().atMost(Duration.ofSeconds(20)).until(() -> firstRenderMs() != null);
	}

	/** Milliseconds from navigation start to the first data on screen, as the page measured it. */
	@Nullable Long firstRenderMs() {
		Object value = this.driver.executeScript("return document.documentElement.dataset.firstRenderMs || null");
		return (value != null) ? Long.valueOf(value.toString()) : null;
	}

	List<String> loopNames() {
		return this.driver.findElements(By.cssSelector("#loops tbody tr[data-key]"))
			.stream()
			.map((row) -> row.getAttribute("data-key"))
			.toList();
	}

	List<String> callNames() {
		return this.driver.findElements(By.cssSelector("#calls tbody tr[data-key] td:nth-child(2)"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	WebElement loop(String name) {
		return this.driver.findElement(By.cssSelector("#loops tbody tr[data-key='" + name + "']"));
	}

	WebElement call(String name) {
		return this.driver.findElements(By.cssSelector("#calls tbody tr[data-key]"))
			.stream()
			.filter((row) -> row.findElement(By.cssSelector("td:nth-child(2)")).getText().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No pending call named '" + name + "' on the page"));
	}

	static WebElement button(WebElement row, String action) {
		return row.findElement(By.cssSelector("button[data-action='" + action + "']"));
	}

	static String cell(WebElement row, int column) {
		return row.findElement(By.cssSelector("td:nth-child(" + column + ")")).getText();
	}

	/** Clicks a button and says yes to the confirmation it asks for. */
	void clickAndConfirm(WebElement button) {
		button.click();
		new WebDriverWait(this.driver, Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).accept();
	}

	/** Focuses a button, presses Enter and says yes to the confirmation it asks for. */
	void pressEnterAndConfirm(WebElement button) {
		button.sendKeys(Keys.ENTER);
		new WebDriverWait(this.driver, Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).accept();
	}

	String status() {
		return this.driver.findElement(By.id("status")).getText();
	}

	/** The page's background and text colours, as computed. */
	String bodyColors() {
		return (String) this.driver.executeScript("const style = getComputedStyle(document.body);"
				+ " return style.backgroundColor + ' on ' + style.color");
	}

	String alert() {
		WebElement alert = this.driver.findElement(By.id("alert"));
		return alert.isDisplayed() ? alert.getText() : "";
	}

	int chartPoints() {
		return Integer.parseInt(this.driver.findElement(By.id("lag-chart")).getAttribute("data-points"));
	}

	JsonNode endpoint(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = send("GET", path);
		if (response.statusCode() != 200) {
			throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return json.readTree(response.body());
	}

	HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (method.equals("POST")) {
			request.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	byte[] bytes(String path) throws IOException, InterruptedException {
		HttpResponse<byte[]> response = this.http.send(HttpRequest.newBuilder(URI.create(url(path))).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new AssertionError("GET " + path + " answered " + response.statusCode());
		}
		return response.body();
	}

}
