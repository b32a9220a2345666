package dev.reactortime.durable;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.kagkarlsson.scheduler.serializer.Serializer;

/**
 * Payloads as UTF-8 JSON in {@code task_data}, readable with SQL
 * ({@code convert_from(task_data, 'UTF8')::json} on PostgreSQL).
 */
final class JsonSerializer implements Serializer {

	private final ObjectMapper mapper;

	JsonSerializer(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	static ObjectMapper defaultObjectMapper() {
		return new ObjectMapper().registerModule(new JavaTimeModule())
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	}

	@Override
	public byte[] serialize(Object data) {
		try {
			return this.mapper.writeValueAsBytes(data);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write a " + data.getClass().getName() + " as JSON", ex);
		}
	}

	@Override
	public <T> T deserialize(Class<T> type, byte[] json) {
		try {
			return this.mapper.readValue(json, type);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read a " + type.getName() + " from JSON", ex);
		}
	}

}
