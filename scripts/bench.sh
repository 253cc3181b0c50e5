#!/usr/bin/env bash
# Reproduce the benchmark table of docs/benchmarks.md: builds everything, lists the jars each setup adds, starts the
# example compose stack on a real engine when Docker can run (else the Docker figures use the fake engine and the
# comparisons that need a real engine say n/a), runs config-bench — JMH for the warm figures (forks, warm-up, GC
# profiler), fresh JVMs and processes for first calls, the CLI through the distribution's launcher, and memory — and
# prints one table, also written to config-bench/target/bench-results.md, with the machine's load before and after.
# Arguments go to the benchmark's JVM: -Dbench.only=first|readiness|compose runs one section, and bench.jmh.forks,
# bench.jmh.warmups, bench.jmh.iterations and bench.cli.rounds shorten the run (docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/docker-env.sh

mvn -B -q install -DskipTests

sizes=$root/config-bench/target/sizes
rm -rf "$sizes" && mkdir -p "$sizes"
evaluate() { # Maven here prints colour codes even in batch mode; keep only the value
  mvn -B -q -Dstyle.color=never help:evaluate -Dexpression="$1" -DforceStdout 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | tr -d '[:space:]'
}
version=$(evaluate project.version)
testcontainers=$(evaluate testcontainers.version)
classpath_of() { # name, then groupId:artifactId:version ...
  local name=$1; shift
  local dir="$sizes/poms/$name" dependencies=""
  mkdir -p "$dir"
  for coordinates in "$@"; do
    IFS=: read -r group artifact artifact_version <<<"$coordinates"
    dependencies+="<dependency><groupId>$group</groupId><artifactId>$artifact</artifactId><version>$artifact_version</version></dependency>"
  done
  printf '%s\n' "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>" \
    "<groupId>bench</groupId><artifactId>$name</artifactId><version>1</version>" \
    "<dependencies>$dependencies</dependencies></project>" > "$dir/pom.xml"
  mvn -B -q -f "$dir/pom.xml" dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$sizes/$name.txt"
}
for module in config-env config-staging config-docker config-junit; do
  classpath_of "$module" "dev.backendconfig:$module:$version"
done
classpath_of all "dev.backendconfig:config-env:$version" "dev.backendconfig:config-staging:$version" \
  "dev.backendconfig:config-docker:$version" "dev.backendconfig:config-junit:$version"
classpath_of testcontainers "org.testcontainers:testcontainers:$testcontainers"

project=""
if ensure_docker && scripts/docker-it-image.sh; then
  project=bench
  compose="docker-compose -f $root/examples/docker/docker-compose.alpine-test.yml -p $project"
  $compose down -t 1 >/dev/null 2>&1 || true
  $compose up -d >/dev/null 2>&1
  trap '$compose down -t 1 >/dev/null 2>&1 || true' EXIT
else
  echo "bench: no Docker engine ($DOCKER_UNAVAILABLE); Docker figures use the fake engine"
fi

# In the reactor: config-bench's fake engine comes from config-test-support, which is never installed.
mvn -B -q -pl config-bench -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
cd config-bench
echo "bench: load before: $(uptime)"
java -cp "target/classes:$(cat target/classpath.txt)" -Dbench.project="$project" -Dbench.sizes="$sizes" \
  -Dbench.distribution="$root/config-cli/target/backend-config-$version-dist.tar.gz" "$@" \
  dev.backendconfig.bench.Benchmarks
echo "bench: load after: $(uptime)"
