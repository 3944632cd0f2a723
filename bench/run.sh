#!/usr/bin/env bash
# Runs the benchmark on the ui's jar: bench/run.sh --size=quick|medium|large|full [--out=DIR] [--keep-data]
#   [--replay-only=DIR [--rounds=N]] [--app.<property>=<value>] (BENCHMARKS.md, "Run it")
# Build first: ./mvnw -o -B -q install -DskipTests. JVM options in BENCH_JVM_ARGS (default -Xmx2g and the pause
# target the README's run command uses, -XX:MaxGCPauseMillis=30),
# e.g. BENCH_JVM_ARGS="-Xmx2g -XX:StartFlightRecording=filename=bench/target/bench.jfr,settings=profile".
#
# BENCH_LAUNCH chooses how the application is laid out, as README.md's "Faster start-up" describes:
#   cds    (default) the jar extracted (java -Djarmode=tools ... extract) with a class-data archive from a training
#          run, both made here once per build of the jar, in bench/target/app;
#   fatjar the repackaged jar as built, through Spring Boot's PropertiesLauncher (bench classes on loader.path).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
app="$root/ui/target/channelbook.jar"
classes="$root/bench/target/classes"
[[ -f "$app" && -d "$classes" ]] || { echo "build first: ./mvnw -o -B -q install -DskipTests" >&2; exit 2; }
jvm=${BENCH_JVM_ARGS:--Xmx2g -XX:MaxGCPauseMillis=30}
# What is measured: the jar's build time and the commit it was run from, written into the results; a source or
# configuration file changed after the jar was built means the jar may not be the code in the tree (rebuild first).
jar_built=$(date -u -r "$app" +%Y-%m-%dT%H:%M:%SZ)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
changed=$(git status --porcelain --untracked-files=no 2>/dev/null | wc -l | tr -d ' ')
newer=$(find shared-api/src/main command-side/src/main query-side/src/main ui/src/main -type f -newer "$app" 2>/dev/null \
    | head -n 5)
[[ -z "$newer" ]] || echo "warning: changed after $app was built (rebuild first): $newer" >&2
jvm="$jvm -Dbench.build.jarBuilt=$jar_built -Dbench.build.commit=$commit -Dbench.build.uncommittedFiles=$changed"
jvm="$jvm -Dbench.build.sourcesNewerThanJar=$([[ -z "$newer" ]] && echo false || echo true)"
case "${BENCH_LAUNCH:-cds}" in
fatjar)
    # shellcheck disable=SC2086
    exec java $jvm -Dbench.launch=fatjar -cp "$app" -Dloader.path="$classes" -Dloader.main=io.channelbook.bench.Bench \
        org.springframework.boot.loader.launch.PropertiesLauncher "$@" ;;
cds)
    extracted="$root/bench/target/app"
    if [[ ! -f "$extracted/channelbook.jsa" || "$app" -nt "$extracted/channelbook.jsa" ]]; then
        echo "extracting $app and training its class-data archive (once per build of the jar)" >&2
        rm -rf "$extracted"
        java -Djarmode=tools -jar "$app" extract --destination "$extracted" >/dev/null
        training="$(mktemp -d)"
        # shellcheck disable=SC2086
        java $jvm -XX:ArchiveClassesAtExit="$extracted/channelbook.jsa" -Dspring.context.exit=onRefresh \
            -jar "$extracted/channelbook.jar" --server.port=0 --channelbook.data-dir="$training" \
            >"$extracted/training.log" 2>&1 || { rm -rf "$training"; cat "$extracted/training.log" >&2; exit 1; }
        rm -rf "$training"
    fi
    # shellcheck disable=SC2086
    exec java $jvm -Dbench.launch=cds -XX:SharedArchiveFile="$extracted/channelbook.jsa" \
        -cp "$extracted/channelbook.jar:$classes" io.channelbook.bench.Bench "$@" ;;
*)
    echo "BENCH_LAUNCH is cds or fatjar, not ${BENCH_LAUNCH}" >&2; exit 2 ;;
esac
