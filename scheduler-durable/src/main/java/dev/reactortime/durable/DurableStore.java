package dev.reactortime.durable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * The statements that db-scheduler's client does not offer atomically: reads for handles and the endpoint, the
 * next due times for the wake-ups, and changes that apply only while a row is not picked (one statement each, so
 * they never race a run). Timestamps are written as db-scheduler writes them ({@code setTimestamp} without a
 * calendar).
 */
final class DurableStore {

	private static final String COLUMNS = "task_name, task_instance, execution_time, picked, picked_by, "
			+ "consecutive_failures, last_failure";

	private final DataSource dataSource;

	private final String table;

	DurableStore(DataSource dataSource, String table) {
		this.dataSource = dataSource;
		this.table = table;
	}

	Optional<DurableCall> find(DurableCalls calls, String task, String id) {
		List<DurableCall> found = query(calls, "select " + COLUMNS + " from " + this.table
				+ " where task_name = ? and task_instance = ?", task, id);
		return found.stream().findFirst();
	}

	List<DurableCall> list(DurableCalls calls, int limit) {
		return query(calls, "select " + COLUMNS + " from " + this.table
				+ " order by execution_time, task_name, task_instance limit " + Math.max(0, limit));
	}

	long count() {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement("select count(*) from " + this.table);
				ResultSet rows = statement.executeQuery()) {
			rows.next();
			return rows.getLong(1);
		}
		catch (SQLException ex) {
			throw failed("count", ex);
		}
	}

	/** Due times of the next unpicked calls due before {@code before}, soonest first. */
	List<Instant> nextDueTimes(Instant before, int limit) {
		List<Instant> times = new ArrayList<>();
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement("select execution_time from " + this.table
						+ " where picked = false and execution_time < ? order by execution_time limit " + limit)) {
			statement.setTimestamp(1, Timestamp.from(before));
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					times.add(rows.getTimestamp(1).toInstant());
				}
			}
			return times;
		}
		catch (SQLException ex) {
			throw failed("read the next due times", ex);
		}
	}

	boolean isPending(String task, String id) {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement("select 1 from " + this.table
						+ " where task_name = ? and task_instance = ? and picked = false and execution_time < ?")) {
			statement.setString(1, task);
			statement.setString(2, id);
			statement.setTimestamp(3, Timestamp.from(DurableCalls.FAILED_TIME));
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next();
			}
		}
		catch (SQLException ex) {
			throw failed("read " + task + "/" + id, ex);
		}
	}

	boolean deleteUnpicked(String task, String id) {
		return update("delete from " + this.table + " where task_name = ? and task_instance = ? and picked = false",
				null, task, id) == 1;
	}

	boolean moveUnpicked(String task, String id, Instant at) {
		return update("update " + this.table + " set execution_time = ?, version = version + 1"
				+ " where task_name = ? and task_instance = ? and picked = false", at, task, id) == 1;
	}

	/** Moves an unpicked row by {@code by}; returns its new due time, or null if it is picked or gone. */
	@Nullable Instant delayUnpicked(String task, String id, Duration by) {
		// Read then compare-and-set on the version: a concurrent change makes the update miss, and we read again.
		for (int attempt = 0; attempt < 10; attempt++) {
			try (Connection connection = this.dataSource.getConnection()) {
				Instant due;
				long version;
				try (PreparedStatement read = connection.prepareStatement("select execution_time, version from "
						+ this.table + " where task_name = ? and task_instance = ? and picked = false")) {
					read.setString(1, task);
					read.setString(2, id);
					try (ResultSet rows = read.executeQuery()) {
						if (!rows.next()) {
							return null;
						}
						due = rows.getTimestamp(1).toInstant();
						version = rows.getLong(2);
					}
				}
				Instant moved = due.plus(by).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
				try (PreparedStatement write = connection.prepareStatement("update " + this.table
						+ " set execution_time = ?, version = version + 1 where task_name = ? and task_instance = ?"
						+ " and picked = false and version = ?")) {
					write.setTimestamp(1, Timestamp.from(moved));
					write.setString(2, task);
					write.setString(3, id);
					write.setLong(4, version);
					if (write.executeUpdate() == 1) {
						return moved;
					}
				}
			}
			catch (SQLException ex) {
				throw failed("delay " + task + "/" + id, ex);
			}
		}
		throw new IllegalStateException("durable call " + task + "/" + id + " kept changing; delay gave up");
	}

	private int update(String sql, @Nullable Instant at, String task, String id) {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			int index = 1;
			if (at != null) {
				statement.setTimestamp(index++, Timestamp.from(at));
			}
			statement.setString(index++, task);
			statement.setString(index, id);
			return statement.executeUpdate();
		}
		catch (SQLException ex) {
			throw failed("change " + task + "/" + id, ex);
		}
	}

	private List<DurableCall> query(DurableCalls calls, String sql, String... parameters) {
		List<DurableCall> result = new ArrayList<>();
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setString(i + 1, parameters[i]);
			}
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					Timestamp lastFailure = rows.getTimestamp(7);
					result.add(new DurableCall(calls, rows.getString(1), rows.getString(2),
							rows.getTimestamp(3).toInstant(), rows.getBoolean(4), rows.getString(5), rows.getInt(6),
							(lastFailure != null) ? lastFailure.toInstant() : null));
				}
			}
			return result;
		}
		catch (SQLException ex) {
			throw failed("read durable calls", ex);
		}
	}

	private IllegalStateException failed(String what, SQLException ex) {
		return new IllegalStateException("Could not " + what + " in table " + this.table + ": " + ex.getMessage(), ex);
	}

}
