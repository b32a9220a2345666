#!/usr/bin/env bash
# Three instances of one application share a throw-away PostgreSQL and take turns: each runs a 2 s loop under
# ShedLock's @SchedulerLock, and each tick is run by exactly one of them (its line says which).
#
#   demo-app/several-instances.sh              # until Ctrl-C
#   DURATION=20 demo-app/several-instances.sh  # stop by itself after 20 s
#
# While it runs: curl -s localhost:8081/actuator/loopingcalls shows the loop's lock and how often this instance was
# locked out; /actuator/prometheus has reactortime_calls_locked_total. Kill one instance (kill <pid>) and the others
# carry on. Needs a JDK and Maven; PostgreSQL comes from zonky's embedded binaries (no installation, no Docker).
set -euo pipefail
cd "$(dirname "$0")/.."

PG_PORT=${PG_PORT:-54329}
FIRST_HTTP_PORT=${FIRST_HTTP_PORT:-8081}
LOG_LEVEL=${LOG_LEVEL:-warn}

echo "Building (mvn package, no tests)..."
mvn -B -q -pl demo-app -am package -DskipTests dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/classpath.txt
CP="demo-app/target/classes:demo-app/target/test-classes:$(cat demo-app/target/classpath.txt)"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

java -cp "$CP" dev.reactortime.clusterdemo.ThrowAwayPostgres "$PG_PORT" &
pids+=($!)
for _ in $(seq 1 120); do
  (exec 3<>/dev/tcp/127.0.0.1/"$PG_PORT") 2>/dev/null && break
  sleep 0.5
done

for i in 1 2 3; do
  java -cp "$CP" dev.reactortime.clusterdemo.SeveralInstancesDemo \
    --demo.instance="instance-$i" --server.port=$((FIRST_HTTP_PORT + i - 1)) \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres?user=postgres" \
    --logging.level.root="$LOG_LEVEL" &
  pids+=($!)
  sleep 0.3
done

echo "PostgreSQL on port $PG_PORT; instances on ports $FIRST_HTTP_PORT..$((FIRST_HTTP_PORT + 2)). Ctrl-C stops everything."
if [[ -n "${DURATION:-}" ]]; then
  sleep "$DURATION"
else
  wait
fi
