package dev.reactortime.readme;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import dev.reactortime.autoconfigure.metrics.DefaultReactorCallObservationConvention;
import dev.reactortime.autoconfigure.metrics.ReactorMetrics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code README.md} true. Every Java block in it is a region of a test source, between
 * {@code // tag::name[]} and {@code // end::name[]}, that the default build compiles and runs; every
 * {@code reactortime.*} property it names exists in the starter's generated configuration metadata; and its
 * configuration table lists every property of that metadata with its default.
 *
 * <p>Regions are compared after their leading tabs become four spaces and their common indentation is removed, so
 * the sources keep the project's tabs and the README its four spaces. A region may be in any module's test sources.
 */
class ReadmeTests {

	/** The repository: Maven runs tests in the module's directory, an IDE may run them in the repository's. */
	private static final Path ROOT = (Files.isDirectory(Path.of("demo-app")) ? Path.of(".") : Path.of(".."))
		.toAbsolutePath()
		.normalize();

	private static final Pattern TAG = Pattern.compile("^\\s*// (tag|end)::([\\w-]+)\\[\\]\\s*$");

	private static final Pattern FENCE = Pattern.compile("^\\s*```(\\w*)\\s*$");

	/**
	 * A property name: not preceded by a letter, dot or dash (a package or another property's tail) nor followed by a
	 * letter or parenthesis (a Java expression such as {@code reactortime.withHttpMethod(..)}).
	 */
	private static final Pattern PROPERTY = Pattern
		.compile("(?<![\\w.-])reactortime(\\.[a-z0-9][a-z0-9-]*)+(?![\\w(])");

	private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([^`]+)` \\| `([^`]*)` \\|.*\\|$");

	@Test
	void everyJavaBlockOfTheReadmeIsATaggedRegionOfATestSourceAndViceVersa() throws IOException {
		Map<String, Region> regions = taggedRegions();
		assertThat(regions).containsKeys("quick-start", "without-spring", "annotations", "testing",
				"metrics-without-spring", "actuator-security");
		List<String> blocks = javaBlocks(readme());
		Set<String> sources = regions.values().stream().map(Region::text).collect(Collectors.toSet());
		for (String block : blocks) {
			assertThat(sources).as("A Java block of README.md that no tagged region of a test source holds:%n%s%n",
					block).contains(block);
		}
		regions.forEach((name, region) -> assertThat(blocks)
			.as("tag::%s[] of %s differs from every Java block of README.md:%n%s%n", name, region.file(),
					region.text())
			.contains(region.text()));
	}

	@Test
	void everyReactortimePropertyTheReadmeNamesExists() throws IOException {
		Set<String> mentioned = mentionedProperties(readme());
		assertThat(mentioned).contains("reactortime.virtual-time", "reactortime.observations.meters.enabled");
		assertThat(mentioned).isSubsetOf(metadata().keySet());
	}

	@Test
	void theConfigurationTableListsEveryPropertyOfTheMetadataWithItsDefault() throws IOException {
		Map<String, String> table = configurationTable(readme());
		Map<String, String> metadata = metadata();
		assertThat(metadata).isNotEmpty();
		assertThat(table).containsExactlyInAnyOrderEntriesOf(metadata);
	}

	private static String readme() throws IOException {
		return Files.readString(ROOT.resolve("README.md"));
	}

	private static Map<String, Region> taggedRegions() throws IOException {
		Map<String, Region> regions = new LinkedHashMap<>();
		List<Path> sources;
		try (Stream<Path> modules = Files.list(ROOT)) {
			sources = modules.map((module) -> module.resolve("src/test/java"))
				.filter(Files::isDirectory)
				.flatMap(ReadmeTests::javaFiles)
				.toList();
		}
		for (Path source : sources) {
			regions(source, Files.readAllLines(source)).forEach((name, region) -> {
				Region previous = regions.put(name, region);
				assertThat(previous).as("tag::%s[] is in %s and %s", name, region.file(),
						(previous != null) ? previous.file() : null).isNull();
			});
		}
		return regions;
	}

	private static Stream<Path> javaFiles(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter((file) -> file.toString().endsWith(".java")).toList().stream();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Region> regions(Path file, List<String> lines) {
		Map<String, Region> regions = new LinkedHashMap<>();
		String open = null;
		List<String> body = new ArrayList<>();
		for (String line : lines) {
			Matcher tag = TAG.matcher(line);
			if (!tag.matches()) {
				if (open != null) {
					body.add(line);
				}
				continue;
			}
			if (tag.group(1).equals("tag")) {
				assertThat(open).as("tag::%s[] opens inside tag::%s[] in %s", tag.group(2), open, file).isNull();
				open = tag.group(2);
				body.clear();
			}
			else {
				assertThat(tag.group(2)).as("end::%s[] in %s", tag.group(2), file).isEqualTo(open);
				regions.put(open, new Region(ROOT.relativize(file), unindent(body)));
				open = null;
			}
		}
		assertThat(open).as("tag::%s[] is never closed in %s", open, file).isNull();
		return regions;
	}

	private static List<String> javaBlocks(String markdown) {
		List<String> blocks = new ArrayList<>();
		String language = null;
		List<String> block = new ArrayList<>();
		for (String line : markdown.lines().toList()) {
			Matcher fence = FENCE.matcher(line);
			if (language == null) {
				if (fence.matches()) {
					language = fence.group(1);
					block.clear();
				}
			}
			else if (fence.matches() && fence.group(1).isEmpty()) {
				if (language.equals("java")) {
					blocks.add(unindent(block));
				}
				language = null;
			}
			else {
				block.add(line);
			}
		}
		return blocks;
	}

	/**
	 * Leading tabs become four spaces each, then the indentation common to every non-blank line goes, and so do
	 * trailing blanks.
	 */
	private static String unindent(List<String> lines) {
		List<String> expanded = lines.stream().map(ReadmeTests::expandLeadingTabs).map(String::stripTrailing).toList();
		int common = expanded.stream()
			.filter((line) -> !line.isEmpty())
			.mapToInt((line) -> line.length() - line.stripLeading().length())
			.min()
			.orElse(0);
		return expanded.stream()
			.map((line) -> line.isEmpty() ? line : line.substring(common))
			.collect(Collectors.joining("\n"))
			.strip();
	}

	private static String expandLeadingTabs(String line) {
		int tabs = 0;
		while (tabs < line.length() && line.charAt(tabs) == '\t') {
			tabs++;
		}
		return "    ".repeat(tabs) + line.substring(tabs);
	}

	private static Set<String> mentionedProperties(String markdown) {
		// Meter and observation names share the prefix; they are not properties.
		Set<String> meters = Set.of(ReactorMetrics.CALL_LAG, ReactorMetrics.CALL_DURATION, ReactorMetrics.CALLS_PENDING,
				ReactorMetrics.CALLS_CANCELLED, ReactorMetrics.LOOPING_SKIPPED, ReactorMetrics.REACTOR_BLOCKED,
				ReactorMetrics.CALLS_LOCKED,
				DefaultReactorCallObservationConvention.NAME, DefaultReactorCallObservationConvention.NAME + ".active");
		Set<String> properties = new LinkedHashSet<>();
		Matcher matcher = PROPERTY.matcher(markdown);
		while (matcher.find()) {
			if (!meters.contains(matcher.group())) {
				properties.add(matcher.group());
			}
		}
		return properties;
	}

	private static Map<String, String> configurationTable(String markdown) {
		Map<String, String> table = new LinkedHashMap<>();
		boolean inSection = false;
		for (String line : markdown.lines().toList()) {
			if (line.startsWith("## ")) {
				inSection = line.equals("## Configuration");
				continue;
			}
			Matcher row = TABLE_ROW.matcher(line);
			if (inSection && row.matches()) {
				table.put(row.group(1), row.group(2));
			}
		}
		return table;
	}

	/**
	 * Properties of the starter's generated metadata (those whose source is a reactortime type), with their
	 * defaults as the README writes them.
	 */
	private static Map<String, String> metadata() throws IOException {
		Map<String, String> properties = new LinkedHashMap<>();
		Enumeration<URL> resources = ReadmeTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json");
		for (URL resource : Collections.list(resources)) {
			String json;
			try (InputStream in = resource.openStream()) {
				json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			List<Map<String, Object>> entries = JsonPath.read(json, "$.properties[*]");
			for (Map<String, Object> entry : entries) {
				Object sourceType = entry.get("sourceType");
				if (sourceType != null && sourceType.toString().startsWith("dev.reactortime.")) {
					properties.put(entry.get("name").toString(), String.valueOf(entry.get("defaultValue")));
				}
			}
		}
		return properties;
	}

	private record Region(Path file, String text) {

	}

}
