#!/usr/bin/env bash
# Run the other engines' integration tests (config-docker, Maven profile engines-it) against real engines started
# here by scripts/engines-env.sh:
#   tls         a second dockerd with --tlsverify on 127.0.0.1, certificates made by openssl now   TlsEngineIT
#   ssh         a private sshd on 127.0.0.1 reaching the main dockerd through docker system dial-stdio   SshEngineIT
#   ssh-remote  the same sshd on a private non-loopback address (an engine on "another machine")   SshRemoteEngineIT
#   podman      podman system service on a socket of its own, stacks started with podman-compose   PodmanEngineIT
# Needs the main dockerd and the test image (scripts/docker-it.sh makes sure of both before calling this). An engine
# that cannot start here is named on one line, "ENGINE TESTS DID NOT RUN: <which>: <why>", and the others still run.
# Everything started is stopped on exit, whatever happens; the main dockerd is never stopped or reconfigured.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/docker-env.sh
source scripts/engines-env.sh

work=$(mktemp -d /tmp/backend-config-engines.XXXXXX)
podman_socket=/run/backend-config-it-podman-$$.sock
cleanup() {
  stop_tls_dockerd >/dev/null 2>&1
  stop_sshd "$work/ssh" >/dev/null 2>&1
  remove_remote_address >/dev/null 2>&1
  PODMAN_SOCK=$podman_socket stop_podman >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

not_run() { # not_run WHICH WHY
  echo "ENGINE TESTS DID NOT RUN: $1: $2"
}

if ! ensure_docker >/dev/null; then
  for which in tls ssh ssh-remote podman; do
    not_run "$which" "the main Docker engine does not run here ($DOCKER_UNAVAILABLE)"
  done
  exit 0
fi
if ! scripts/docker-it-image.sh >/dev/null; then
  for which in tls ssh ssh-remote podman; do
    not_run "$which" "the test image backend-config-it/backend could not be built"
  done
  exit 0
fi

tests=()

port=$(free_port)
if [ -z "$port" ]; then
  not_run tls "no free port on 127.0.0.1 in 20000-29999"
elif ! make_tls_material "$work/tls"; then
  not_run tls "$ENGINES_UNAVAILABLE"
elif ! start_tls_dockerd "$work/tls" "$port"; then
  not_run tls "$ENGINES_UNAVAILABLE"
else
  export ENGINES_IT_TLS_DIR=$work/tls ENGINES_IT_TLS_HOST=$TLS_DOCKER_HOST ENGINES_IT_TLS_SOCKET=$TLS_DOCKERD_SOCK
  tests+=(TlsEngineIT)
fi

remote=""
if add_remote_address; then
  remote=$REMOTE_TEST_ADDRESS
else
  not_run ssh-remote "$ENGINES_UNAVAILABLE"
fi
port=$(free_port)
if [ -z "$port" ]; then
  not_run ssh "no free port on 127.0.0.1 in 20000-29999"
  [ -n "$remote" ] && not_run ssh-remote "no free port for sshd"
elif ! start_sshd "$port" "$work/ssh" "$remote"; then
  not_run ssh "$ENGINES_UNAVAILABLE"
  [ -n "$remote" ] && not_run ssh-remote "sshd did not start: $ENGINES_UNAVAILABLE"
else
  export ENGINES_IT_SSH_HOST=$SSH_TEST_DOCKER_HOST ENGINES_IT_SSH_CONFIG=$SSH_TEST_CONFIG
  tests+=(SshEngineIT)
  if [ -n "$remote" ]; then
    export ENGINES_IT_SSH_REMOTE_HOST=ssh://root@$remote:$port
    tests+=(SshRemoteEngineIT)
  fi
fi

if ! start_podman "$podman_socket"; then
  not_run podman "$ENGINES_UNAVAILABLE"
elif ! podman_load_test_image; then
  not_run podman "$ENGINES_UNAVAILABLE"
else
  export ENGINES_IT_PODMAN_SOCKET=$PODMAN_SOCK ENGINES_IT_CONTAINERS_CONF=$CONTAINERS_CONF
  tests+=(PodmanEngineIT PodmanStartEngineIT)
fi

if [ ${#tests[@]} -eq 0 ]; then
  echo "engines: no engine could be started; nothing to run"
  exit 0
fi
selected=$(IFS=,; echo "${tests[*]}")
echo "engines: running $selected"
mvn -B -q -Pengines-it -pl config-docker -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test="$selected"
