package dev.reactortime.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code README.md} true: every Java block in it is a region of a test source, between
 * {@code // tag::name[]} and {@code // end::name[]}, that the default build compiles and runs.
 *
 * <p>Regions are compared after their leading tabs become four spaces and their common indentation is removed, so
 * the sources keep the project's tabs and the README its four spaces. A region may be in any module's test sources.
 */
class ReadmeTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Pattern TAG = Pattern.compile("^\\s*// (tag|end)::([\\w-]+)\\[\\]\\s*$");

	private static final Pattern FENCE = Pattern.compile("^\\s*```(\\w*)\\s*$");

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

	private record Region(Path file, String text) {

	}

}
