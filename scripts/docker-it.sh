#!/usr/bin/env bash
# Run the real-Docker integration tests (config-docker and config-tests, Maven profile docker-it; the Maven plugin's
# real-engine builds and consumers/maven-plugin): make sure an
# engine runs (scripts/docker-env.sh), build the test backend image from files (scripts/docker-it-image.sh), run the
# *IT tests.
# First, with or without an engine, the Maven plugin's fast invoker projects with Maven 3.9.16.
# When Docker cannot be made to run here, print one line starting with "REAL-DOCKER TESTS DID NOT RUN" and why, and
# exit 0 (unless the Maven 3.9 run failed): the rest of the build stands on its own, and the line says plainly what
# was not proven.
# Then the other engines' tests (Docker over TLS, Docker over ssh, Podman): scripts/engines-it.sh starts those that
# can run here and prints "ENGINE TESTS DID NOT RUN: <which>: <why>" for each that cannot.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/docker-env.sh

# Maven 3.9 too, with or without an engine: the plugin must run on 3.8.7 (the Maven here) and 3.9+. Maven 3.9.16 from
# Maven Central (the apache-maven bin archive, through the local repository), unpacked under target/; the plugin's fast
# invoker projects run with it and consumers/maven-plugin
# below is built with it (the engine projects ran with 3.8.7).
status=0
maven39=target/apache-maven-3.9.16
if [ ! -x "$maven39/bin/mvn" ]; then
  mvn -B -q -N dependency:copy -Dartifact=org.apache.maven:apache-maven:3.9.16:tar.gz:bin -DoutputDirectory=target \
    && tar -xzf target/apache-maven-3.9.16-bin.tar.gz -C target || status=1
fi
echo "ci: running the Maven plugin's fast invoker projects with Maven 3.9.16"
mvn -B -q -o -pl backend-config-maven-plugin verify -Dinvoker.mavenHome="$PWD/$maven39" || status=1
# The README's minimal POM and first test, built as a user copies them (invoker project readme/first-test), with Maven
# 3.8.7 and 3.9.16: it needs config-junit and config-bom as installed (.ci/run's main command installs every module).
echo "ci: building the README's minimal POM (readme/first-test) with Maven 3.8.7 and 3.9.16"
mvn -B -q -o -pl backend-config-maven-plugin verify -Dinvoker.select='readme/*/pom.xml' || status=1
mvn -B -q -o -pl backend-config-maven-plugin verify -Dinvoker.select='readme/*/pom.xml' \
  -Dinvoker.mavenHome="$PWD/$maven39" || status=1

if ! ensure_docker; then
  echo "REAL-DOCKER TESTS DID NOT RUN: $DOCKER_UNAVAILABLE"
  bash scripts/engines-it.sh
  exit $status
fi
if ! scripts/docker-it-image.sh; then
  echo "REAL-DOCKER TESTS DID NOT RUN: the test image could not be built"
  bash scripts/engines-it.sh
  exit $status
fi

# The unit tests already ran in the README's test command; run only the integration tests here.
# config-docker's *IT, then config-tests' (docker and staging together over one real stack).
mvn -B -q -Pdocker-it -pl config-docker,config-tests -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  || status=1
# The Maven plugin on the real engine: its invoker projects that start a stack (backend-config-maven-plugin's profile
# docker-it: start/stop with forks, a reactor, a killed build adopted), then consumers/maven-plugin, a user's project
# whose integration tests run between start and stop. Both use the installed library and plugin. Whatever of their
# unique compose projects a failed build left is removed after them (only those: their names are recorded).
echo "ci: running the Maven plugin's real-engine builds, consumers/maven-plugin and the command line's up/down"
mvn -B -q -o install -DskipTests -pl backend-config-maven-plugin,config-junit -am || status=1
mvn -B -q -o -Pdocker-it -pl backend-config-maven-plugin verify || status=1
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
shop="bcshop-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
( cd consumers/maven-plugin && SHOP_BACKEND_PORT=$(free_port) SHOP_AUTH_PORT=$(free_port) \
    "../../$maven39/bin/mvn" -B -q -o verify -Dshop.compose-project="$shop" ) || status=1
# The command line's up and down on the real engine (UpDownIT's cycle: the built jar as a process).
mvn -B -q -o -Pdocker-it -pl config-cli -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=UpDownIT -Dfailsafe.failIfNoSpecifiedTests=false || status=1
for project in "$shop" $(cat backend-config-maven-plugin/target/it/engine/*/compose-project.txt 2>/dev/null); do
  left=$(docker ps -aq --filter "label=com.docker.compose.project=$project")
  if [ -n "$left" ]; then
    echo "ci: compose project $project was left running; removing it" >&2
    docker rm -f $left >/dev/null
    status=1
  fi
  docker network ls -q --filter "label=com.docker.compose.project=$project" | xargs -r docker network rm >/dev/null
done

echo "ci: running the other engines' tests (TLS, ssh, Podman)"
bash scripts/engines-it.sh || status=1
exit $status
