#!/usr/bin/env bash
# The whole comparison of DESIGN.md section 7 in one command:
#
#   scheduler-benchmarks/run.sh [quick|full]
#
# quick (default) finishes in under 10 minutes on 2 cores; full runs longer for the published table.
# Builds the module, runs JMH (scenarios A, B), then one fresh JVM per implementation for C (fire throughput),
# D (fire lag), E (retained bytes) and F (idle wake-ups), then the report: a table of every figure with its ratio
# to every peer, the targets (issue 14) met or missed, one "RESULT scenario=.. impl=.. metric=.. value=.." line per
# figure, results/latest.md and results/lag-percentiles.png. Raw results stay in results/tmp/ (not committed).
#
# The benchmarks run on BENCH_JAVA if set; otherwise on the newest JDK 25+ under /usr/lib/jvm, so that
# ForkJoinPool.schedule (new in JDK 25) takes part; otherwise on the java of the PATH.
set -euo pipefail

mode="${1:-quick}"
case "$mode" in
  quick)
    jmh_opts=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
    ;;
  full)
    jmh_opts=(-f 2 -wi 5 -w 2s -i 10 -r 2s)
    ;;
  *)
    echo "usage: $0 [quick|full]" >&2
    exit 2
    ;;
esac

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
raw="$here/results/tmp"
jar="$here/target/benchmarks.jar"
started=$(date +%s)

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}'
}

if [ -n "${BENCH_JAVA:-}" ]; then
  java="$BENCH_JAVA"
else
  java="$(command -v java)"
  best="$(java_major "$java")"
  for candidate in /usr/lib/jvm/*/bin/java; do
    [ -x "$candidate" ] || continue
    major="$(java_major "$candidate" || true)"
    if [[ "$major" =~ ^[0-9]+$ ]] && [ "$major" -ge 25 ] && [ "$major" -gt "$best" ]; then
      java="$candidate"
      best="$major"
    fi
  done
fi

echo "== build (mvn -B -q -pl scheduler-benchmarks -am package -DskipTests)"
(cd "$root" && mvn -B -q -pl scheduler-benchmarks -am package -DskipTests)

rm -rf "$raw"
mkdir -p "$raw"
echo "== benchmarks run on $("$java" -version 2>&1 | head -1) ($java), $mode mode"

available="$("$java" -cp "$jar" dev.reactortime.benchmarks.timers.Timers)"
has() { [[ ",$available," == *",$1,"* ]]; }
pick() {
  local out=() impl
  for impl in "$@"; do has "$impl" && out+=("$impl"); done
  (IFS=,; echo "${out[*]}")
}

cross="$(pick reactor stpe spring hwt-1ms fjp)"
loop="$(pick reactor stpe spring agrona)"
echo "[$(( $(date +%s) - started )) s] == A, B (JMH): in-loop $loop; cross-thread $cross"
"$java" -jar "$jar" 'ScheduleCancelBenchmark|RescheduleBenchmark' \
  -p "impl=$cross" -p "loopImpl=$loop" "${jmh_opts[@]}" -prof gc \
  -rf json -rff "$raw/jmh.json" > "$raw/jmh.log" 2>&1 || echo "JMH failed: see $raw/jmh.log"
sed -n '/^Benchmark /,$p' "$raw/jmh.log" | grep -v ':gc\.\(count\|time\|alloc\.rate\) ' || true

run_each() {
  local main="$1"; shift
  local opts=("$@")
  local impl
  for impl in "${impls[@]}"; do
    "$java" "${opts[@]}" -cp "$jar" "dev.reactortime.benchmarks.harness.$main" "$impl" "$mode" "$raw" \
      || echo "$main $impl failed"
  done
}

IFS=, read -r -a impls <<< "$(pick reactor stpe spring hwt-1ms hwt-100ms agrona fjp)"
echo "[$(( $(date +%s) - started )) s] == C fire throughput"
run_each FireThroughput -Xms4g -Xmx4g

IFS=, read -r -a impls <<< "$(pick reactor reactor-precise stpe spring hwt-1ms hwt-100ms fjp)"
echo "[$(( $(date +%s) - started )) s] == D fire lag"
run_each LagHarness -Xms1g -Xmx1g

IFS=, read -r -a impls <<< "$(pick reactor stpe spring hwt-1ms hwt-100ms agrona fjp)"
echo "[$(( $(date +%s) - started )) s] == E retained memory"
run_each RetainedMemory -XX:+UseSerialGC -Xmx4g

IFS=, read -r -a impls <<< "$(pick reactor reactor-precise stpe spring hwt-1ms hwt-100ms fjp)"
echo "[$(( $(date +%s) - started )) s] == F idle wake-ups"
run_each IdleWakeups -Xmx512m

echo "[$(( $(date +%s) - started )) s] == report"
"$java" -Djava.awt.headless=true -cp "$jar" dev.reactortime.benchmarks.report.Report "$raw" "$here/results" "$mode"
echo "== done in $(( $(date +%s) - started )) s"
