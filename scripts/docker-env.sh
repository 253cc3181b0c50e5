#!/usr/bin/env bash
# Sourced by docker-it.sh and bench.sh. ensure_docker installs what the real-Docker runs need when it is missing
# (docker.io, docker-compose, busybox-static, websocketd; apt-get, as root), starts dockerd when no engine answers,
# and waits for it. It returns 0 when an engine answers, else 1 with the reason in DOCKER_UNAVAILABLE.

engine_answers() {
  curl -s --max-time 2 --unix-socket /var/run/docker.sock http://localhost/_ping 2>/dev/null | grep -q OK
}

ensure_docker() {
  DOCKER_UNAVAILABLE=""
  local missing=()
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v file >/dev/null 2>&1 || missing+=(file)
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  command -v websocketd >/dev/null 2>&1 || missing+=(websocketd)
  { command -v busybox >/dev/null 2>&1 && file "$(command -v busybox)" 2>/dev/null | grep -q "statically linked"; } \
    || missing+=(busybox-static)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
      DOCKER_UNAVAILABLE="packages ${missing[*]} are missing and this user cannot install them (not root)"
      return 1
    fi
    echo "docker: installing ${missing[*]}"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } \
        >/tmp/docker-env-apt.log 2>&1; then
      DOCKER_UNAVAILABLE="apt-get could not install ${missing[*]} (see /tmp/docker-env-apt.log)"
      return 1
    fi
  fi
  if ! engine_answers; then
    if [ "$(id -u)" != 0 ]; then
      DOCKER_UNAVAILABLE="no Docker engine answers on /var/run/docker.sock and this user cannot start dockerd"
      return 1
    fi
    echo "docker: starting dockerd"
    (dockerd >/tmp/docker-env-dockerd.log 2>&1 &)
    for _ in $(seq 1 60); do
      engine_answers && break
      sleep 1
    done
    if ! engine_answers; then
      DOCKER_UNAVAILABLE="dockerd did not start within 60 s: $(tail -n 1 /tmp/docker-env-dockerd.log 2>/dev/null)"
      return 1
    fi
  fi
  echo "docker: engine $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null) answers"
}
