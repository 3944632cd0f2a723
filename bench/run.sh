#!/usr/bin/env bash
# Runs the benchmark inside the ui's repackaged jar: bench/run.sh --size=quick|medium|large|full [--out=DIR] [--keep-data]
# Build first: ./mvnw -o -B -q install -DskipTests. JVM options in BENCH_JVM_ARGS (default -Xmx2g and the pause
# target the README's run command uses, -XX:MaxGCPauseMillis=30),
# e.g. BENCH_JVM_ARGS="-Xmx2g -XX:StartFlightRecording=filename=bench/target/bench.jfr,settings=profile".
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
app="$root/ui/target/channelbook.jar"
classes="$root/bench/target/classes"
[[ -f "$app" && -d "$classes" ]] || { echo "build first: ./mvnw -o -B -q install -DskipTests" >&2; exit 2; }
# shellcheck disable=SC2086
exec java ${BENCH_JVM_ARGS:--Xmx2g -XX:MaxGCPauseMillis=30} -cp "$app" -Dloader.path="$classes" -Dloader.main=io.channelbook.bench.Bench \
    org.springframework.boot.loader.launch.PropertiesLauncher "$@"
