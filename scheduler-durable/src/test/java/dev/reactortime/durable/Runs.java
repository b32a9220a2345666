package dev.reactortime.durable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** What ran where and when, recorded by test handlers: a run is (call id, instance, start time). */
final class Runs {

	record Run(String id, String instance, Instant at) {
	}

	private final Map<String, List<Run>> byId = new ConcurrentHashMap<>();

	void record(String id, String instance) {
		this.byId.computeIfAbsent(id, (key) -> new CopyOnWriteArrayList<>()).add(new Run(id, instance, Instant.now()));
	}

	int count(String id) {
		List<Run> runs = this.byId.get(id);
		return (runs != null) ? runs.size() : 0;
	}

	int distinct() {
		return this.byId.size();
	}

	List<String> ranMoreThanOnce() {
		return this.byId.entrySet().stream().filter((e) -> e.getValue().size() > 1).map(Map.Entry::getKey).sorted()
			.toList();
	}

	Instant first(String id) {
		return this.byId.get(id).get(0).at();
	}

	Map<String, Long> perInstance() {
		return this.byId.values().stream().flatMap(List::stream)
			.collect(Collectors.groupingBy(Run::instance, java.util.TreeMap::new, Collectors.counting()));
	}

	List<Run> all() {
		return this.byId.values().stream().flatMap(List::stream).toList();
	}

}
