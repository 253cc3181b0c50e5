#!/usr/bin/env bash
# Sourced by scripts/engines-it.sh (and usable by hand) for the other Docker Engine API endpoints config-docker talks
# to, each proven on this project's build machine (Debian 12, root, no systemd):
#   - Docker over TLS      make_tls_material DIR; start_tls_dockerd DIR PORT; stop_tls_dockerd
#                          (exports TLS_DOCKER_HOST=tcp://127.0.0.1:PORT; the client dirs are DIR/client-*)
#   - Docker over ssh://   start_sshd PORT DIR [ADDRESS]; stop_sshd [DIR]
#                          (exports SSH_TEST_DOCKER_HOST=ssh://root@127.0.0.1:PORT, SSH_TEST_CONFIG=DIR/ssh_config)
#   - a "remote" address   add_remote_address; remove_remote_address   (a non-loopback address of this machine,
#                          REMOTE_TEST_ADDRESS, on a bridge of its own: an engine reached there counts as remote)
#   - Podman's Docker API  start_podman SOCKET; podman_load_test_image; podman_compose ARGS...;
#                          podman_healthcheck_ticker [SECONDS]; stop_podman   (exports PODMAN_SOCK, CONTAINERS_CONF)
# Each start/stop function prints one status line and returns 0, or returns 1 with the reason in ENGINES_UNAVAILABLE.
# They need root (apt-get, dockerd, sshd, rootful podman) and the main dockerd on /var/run/docker.sock
# (scripts/docker-env.sh ensure_docker starts it); none of them stops or restarts that daemon, and none sets
# DOCKER_HOST. Safe under set -u. See README-engines.md and FACTS.md beside this file.

ENGINES_UNAVAILABLE=""

# apt-get install the named packages when COMMAND is missing: engines_need COMMAND PACKAGE...
engines_need() {
  local command=$1; shift
  command -v "$command" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" != 0 ]; then
    ENGINES_UNAVAILABLE="$command is missing and this user cannot install $* (not root)"
    return 1
  fi
  echo "engines: installing $*"
  # Installing openssh-server would start a system sshd on port 22 through invoke-rc.d unless policy-rc.d forbids it.
  # This image ships /usr/sbin/policy-rc.d (exit 101); where it is missing, put one there for the install only.
  local policy_added=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && policy_added=1
  fi
  local ok=1
  { { [ -n "${ENGINES_APT_UPDATED:-}" ] || apt-get update -qq; } \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >/tmp/engines-env-apt.log 2>&1 || ok=""
  [ -n "$policy_added" ] && rm -f /usr/sbin/policy-rc.d
  if [ -z "$ok" ]; then
    ENGINES_UNAVAILABLE="apt-get could not install $* (see /tmp/engines-env-apt.log)"
    return 1
  fi
  ENGINES_APT_UPDATED=1
}

# _engines_alive PID: the process runs (a zombie does not count: the processes started here are re-parented to PID 1,
# which here reaps them only after a while, and kill -0 succeeds on a zombie)
_engines_alive() {
  local state
  [ -n "$1" ] && state=$(ps -o stat= -p "$1" 2>/dev/null) && [ -n "$state" ] && [ "${state:0:1}" != Z ]
}

# ---------------------------------------------------------------------------------------------------------------
# TLS material
# ---------------------------------------------------------------------------------------------------------------

# The body of make_tls_material, run by bash -euo pipefail in DIR ($1).
_engines_tls_material_body() {
  cd "$1"
  rm -rf wrong-ca client-* ./*.pem ./*.srl ./*.cnf ./*.csr
  cat > ext.cnf <<'EOF'
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
authorityKeyIdentifier = keyid
[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
EOF
  # a CA: key and self-signed certificate, 10 years
  ca() { # ca KEYFILE CERTFILE CN
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1"
    openssl req -x509 -new -key "$1" -sha256 -days 3650 -subj "/CN=$3" -extensions ca -config ext.cnf -out "$2"
  }
  # sign KEYFILE CERTFILE CN EXTENSION CAKEY CACERT [PASSIN]
  sign() {
    openssl req -new -key "$1" ${7:+-passin "$7"} -subj "/CN=$3" -out cert.csr
    openssl x509 -req -in cert.csr -CA "$6" -CAkey "$5" -CAcreateserial -sha256 -days 825 \
      -extfile ext.cnf -extensions "$4" -out "$2"
    rm -f cert.csr
  }
  cat > openssl-req.cnf <<'EOF'
[req]
distinguished_name = dn
[dn]
EOF
  export OPENSSL_CONF=$PWD/openssl-req.cnf
  ca ca-key.pem ca.pem engines-test-ca
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out server-key.pem
  sign server-key.pem server-cert.pem localhost server ca-key.pem ca.pem
  mkdir wrong-ca client-untrusted client-rsa-pkcs1 client-ec-sec1 client-pkcs8 client-pkcs8-ec client-encrypted client-nocert
  ca wrong-ca/ca-key.pem wrong-ca/ca.pem engines-wrong-ca

  # PKCS#1 RSA: genrsa -traditional (openssl 3 writes PKCS#8 unless told)
  openssl genrsa -traditional -out client-rsa-pkcs1/key.pem 2048
  # SEC 1 EC: ecparam -genkey -noout (no "BEGIN EC PARAMETERS" block before the key)
  openssl ecparam -name prime256v1 -genkey -noout -out client-ec-sec1/key.pem
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out client-pkcs8/key.pem
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out client-pkcs8-ec/key.pem
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out client-encrypted/plain-key.pem
  echo changeit > client-encrypted/password.txt
  openssl pkcs8 -topk8 -in client-encrypted/plain-key.pem -v2 aes-256-cbc -v2prf hmacWithSHA256 \
    -passout file:client-encrypted/password.txt -out client-encrypted/key.pem
  rm -f client-encrypted/plain-key.pem
  for d in client-rsa-pkcs1 client-ec-sec1 client-pkcs8 client-pkcs8-ec client-encrypted; do
    passin=""
    [ "$d" = client-encrypted ] && passin=file:client-encrypted/password.txt
    sign "$d/key.pem" "$d/cert.pem" "$d" client ca-key.pem ca.pem $passin
    cp ca.pem "$d/ca.pem"
  done
  cp ca.pem client-nocert/ca.pem
  # wrong-ca: valid client certificate, but a ca.pem that did not sign the server's certificate
  cp client-pkcs8/cert.pem client-pkcs8/key.pem wrong-ca/
  # client-untrusted: right ca.pem, client certificate signed by the unrelated CA
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out client-untrusted/key.pem
  sign client-untrusted/key.pem client-untrusted/cert.pem client-untrusted client wrong-ca/ca-key.pem wrong-ca/ca.pem
  cp ca.pem client-untrusted/ca.pem
  rm -f ./*.srl wrong-ca/*.srl openssl-req.cnf
  chmod 600 ca-key.pem server-key.pem wrong-ca/ca-key.pem client-*/key.pem
  # the exact headers the tests rely on
  head -n 1 client-rsa-pkcs1/key.pem | grep -qx -- '-----BEGIN RSA PRIVATE KEY-----'
  head -n 1 client-ec-sec1/key.pem | grep -qx -- '-----BEGIN EC PRIVATE KEY-----'
  head -n 1 client-pkcs8/key.pem | grep -qx -- '-----BEGIN PRIVATE KEY-----'
  head -n 1 client-pkcs8-ec/key.pem | grep -qx -- '-----BEGIN PRIVATE KEY-----'
  head -n 1 client-encrypted/key.pem | grep -qx -- '-----BEGIN ENCRYPTED PRIVATE KEY-----'
  openssl verify -CAfile ca.pem server-cert.pem client-rsa-pkcs1/cert.pem client-ec-sec1/cert.pem \
    client-pkcs8/cert.pem client-pkcs8-ec/cert.pem client-encrypted/cert.pem
}

# make_tls_material DIR: DIR/ca.pem ca-key.pem (the CA), server-cert.pem server-key.pem (127.0.0.1, localhost),
# wrong-ca/ (an unrelated CA's ca.pem beside a valid client cert.pem/key.pem: the client must reject the server),
# client-untrusted/ (the right ca.pem, a client cert signed by the unrelated CA: the server must reject the client),
# and one DOCKER_CERT_PATH directory per client key format (ca.pem cert.pem key.pem):
#   client-rsa-pkcs1  -----BEGIN RSA PRIVATE KEY-----        (RSA 2048, PKCS#1)
#   client-ec-sec1    -----BEGIN EC PRIVATE KEY-----         (P-256, SEC 1, no parameters block)
#   client-pkcs8      -----BEGIN PRIVATE KEY-----            (RSA 2048, PKCS#8)
#   client-pkcs8-ec   -----BEGIN PRIVATE KEY-----            (P-256, PKCS#8)
#   client-encrypted  -----BEGIN ENCRYPTED PRIVATE KEY-----  (RSA 2048, PKCS#8 PBES2 PBKDF2-HmacSHA256 AES-256-CBC,
#                                                             password in password.txt: changeit)
#   client-nocert     ca.pem only
make_tls_material() {
  ENGINES_UNAVAILABLE=""
  local dir=${1:?make_tls_material DIR}
  engines_need openssl openssl || return 1
  local log=/tmp/engines-env-openssl.log
  mkdir -p "$dir" || { ENGINES_UNAVAILABLE="cannot create $dir"; return 1; }
  # run under a separate bash -e: "set -e" is ignored inside a function or subshell whose status is tested
  if ! bash -euo pipefail -c "$(declare -f _engines_tls_material_body); _engines_tls_material_body \"\$1\"" \
       make_tls_material "$dir" >"$log" 2>&1 </dev/null; then
    ENGINES_UNAVAILABLE="openssl could not make the TLS material in $dir: $(grep -v '^[.+*]*$' "$log" | tail -n 1)"
    return 1
  fi
  echo "tls: CA, server cert (IP:127.0.0.1, DNS:localhost) and client dirs (rsa-pkcs1 ec-sec1 pkcs8 pkcs8-ec encrypted nocert untrusted, wrong-ca) in $dir"
}

# ---------------------------------------------------------------------------------------------------------------
# Docker over TLS: a second dockerd beside the main one
# ---------------------------------------------------------------------------------------------------------------
# The main dockerd (/var/run/docker.sock) is left alone. A second dockerd listens on tcp://127.0.0.1:PORT with
# --tlsverify and on a Unix socket of its own (TLS_DOCKERD_SOCK, for setup and for comparing); it has its own
# --data-root, --exec-root (so its own containerd), --pidfile and bridge (eng-tls0, 10.213.0.1/24) and runs with
# --iptables=false --ip-masq=false so it never touches the main daemon's docker0 or iptables chains. Published ports
# work through docker-proxy (the userland proxy), which is all a test on 127.0.0.1 needs; containers have no route
# out (no NAT), which no test needs. The test image is copied in from the main daemon (docker save | docker load).
TLS_DOCKERD_NAME=engines-tls-docker
TLS_DOCKERD_SOCK=/var/run/$TLS_DOCKERD_NAME.sock
TLS_DOCKERD_PIDFILE=/var/run/$TLS_DOCKERD_NAME.pid
TLS_DOCKERD_LAUNCH_PIDFILE=/var/run/$TLS_DOCKERD_NAME.launch.pid   # must differ from --pidfile: dockerd refuses a live one
TLS_DOCKERD_DATA=/var/lib/$TLS_DOCKERD_NAME
TLS_DOCKERD_EXEC=/var/run/$TLS_DOCKERD_NAME
TLS_DOCKERD_LOG=/tmp/$TLS_DOCKERD_NAME.log
TLS_DOCKERD_BRIDGE=eng-tls0
TLS_DOCKERD_BRIDGE_CIDR=10.213.0.1/24
TLS_TEST_IMAGE=${TLS_TEST_IMAGE:-backend-config-it/backend:latest}

_tls_dockerd_answers() {
  curl -s --max-time 2 --unix-socket "$TLS_DOCKERD_SOCK" http://d/_ping 2>/dev/null | grep -q OK
}

# start_tls_dockerd DIR PORT: DIR from make_tls_material (ca.pem server-cert.pem server-key.pem). Exports
# TLS_DOCKER_HOST=tcp://127.0.0.1:PORT. Checks the TLS endpoint with a client certificate (docker version and
# curl _ping) and that a client without one is refused. Copies TLS_TEST_IMAGE in when the main daemon has it.
start_tls_dockerd() {
  ENGINES_UNAVAILABLE=""
  local dir=${1:?start_tls_dockerd DIR PORT} port=${2:?start_tls_dockerd DIR PORT}
  local started=$SECONDS
  dir=$(cd "$dir" 2>/dev/null && pwd) || { ENGINES_UNAVAILABLE="no directory $1"; return 1; }
  for f in ca.pem server-cert.pem server-key.pem client-pkcs8/cert.pem; do
    [ -f "$dir/$f" ] || { ENGINES_UNAVAILABLE="$dir/$f is missing (run make_tls_material $dir)"; return 1; }
  done
  command -v dockerd >/dev/null 2>&1 || { ENGINES_UNAVAILABLE="dockerd is not installed (scripts/docker-env.sh installs it)"; return 1; }
  [ "$(id -u)" = 0 ] || { ENGINES_UNAVAILABLE="starting a second dockerd needs root"; return 1; }
  stop_tls_dockerd >/dev/null 2>&1
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    ENGINES_UNAVAILABLE="port $port on 127.0.0.1 is already taken"
    return 1
  fi
  if ! ip link show "$TLS_DOCKERD_BRIDGE" >/dev/null 2>&1; then
    ip link add "$TLS_DOCKERD_BRIDGE" type bridge && ip addr add "$TLS_DOCKERD_BRIDGE_CIDR" dev "$TLS_DOCKERD_BRIDGE" \
      && ip link set "$TLS_DOCKERD_BRIDGE" up \
      || { ENGINES_UNAVAILABLE="could not create the bridge $TLS_DOCKERD_BRIDGE"; return 1; }
  fi
  mkdir -p "$TLS_DOCKERD_DATA" "$TLS_DOCKERD_EXEC"
  # setsid: out of the caller's process group (stop_tls_dockerd ends it); the inner shell writes its pid and becomes
  # dockerd (exec), so $TLS_DOCKERD_LAUNCH_PIDFILE is right even when setsid forks (a caller with job control)
  rm -f "$TLS_DOCKERD_LAUNCH_PIDFILE"
  setsid bash -c 'echo $$ > "$1"; shift; exec dockerd "$@"' _ "$TLS_DOCKERD_LAUNCH_PIDFILE" \
    --data-root "$TLS_DOCKERD_DATA" --exec-root "$TLS_DOCKERD_EXEC" --pidfile "$TLS_DOCKERD_PIDFILE" \
    -H "unix://$TLS_DOCKERD_SOCK" -H "tcp://127.0.0.1:$port" \
    --tlsverify --tlscacert "$dir/ca.pem" --tlscert "$dir/server-cert.pem" --tlskey "$dir/server-key.pem" \
    --bridge "$TLS_DOCKERD_BRIDGE" --iptables=false --ip-masq=false --cgroup-parent "/$TLS_DOCKERD_NAME" \
    >"$TLS_DOCKERD_LOG" 2>&1 </dev/null &
  for _ in $(seq 1 20); do [ -s "$TLS_DOCKERD_LAUNCH_PIDFILE" ] && break; sleep 0.05; done
  for _ in $(seq 1 60); do
    _tls_dockerd_answers && break
    _engines_alive "$(cat "$TLS_DOCKERD_LAUNCH_PIDFILE" 2>/dev/null)" || break
    sleep 0.5
  done
  if ! _tls_dockerd_answers; then
    local why
    why="the TLS dockerd did not start within 30 s: $(grep -E 'level=(error|fatal)|^failed' "$TLS_DOCKERD_LOG" | tail -n 1)"
    stop_tls_dockerd >/dev/null 2>&1
    ENGINES_UNAVAILABLE=$why
    return 1
  fi
  export TLS_DOCKER_HOST=tcp://127.0.0.1:$port
  local c=$dir/client-pkcs8 version
  if ! version=$(docker --tlsverify --tlscacert "$c/ca.pem" --tlscert "$c/cert.pem" --tlskey "$c/key.pem" \
        -H "$TLS_DOCKER_HOST" version --format '{{.Server.Version}}' 2>&1); then
    ENGINES_UNAVAILABLE="docker version over TLS failed: $version"
    return 1
  fi
  if ! curl -s --max-time 5 --cacert "$c/ca.pem" --cert "$c/cert.pem" --key "$c/key.pem" \
        "https://127.0.0.1:$port/_ping" | grep -q OK; then
    ENGINES_UNAVAILABLE="curl with a client certificate got no OK from https://127.0.0.1:$port/_ping"
    return 1
  fi
  if curl -s --max-time 5 --cacert "$c/ca.pem" "https://127.0.0.1:$port/_ping" >/dev/null 2>&1; then
    ENGINES_UNAVAILABLE="the TLS dockerd answered a client without a certificate"
    return 1
  fi
  if docker image inspect "$TLS_TEST_IMAGE" >/dev/null 2>&1 \
      && ! docker -H "unix://$TLS_DOCKERD_SOCK" image inspect "$TLS_TEST_IMAGE" >/dev/null 2>&1; then
    if ! docker save "$TLS_TEST_IMAGE" | docker -H "unix://$TLS_DOCKERD_SOCK" load -q >/dev/null; then
      ENGINES_UNAVAILABLE="could not copy $TLS_TEST_IMAGE into the TLS dockerd"
      return 1
    fi
  fi
  echo "tls: dockerd $version answers on $TLS_DOCKER_HOST (--tlsverify, CA $dir/ca.pem) and unix://$TLS_DOCKERD_SOCK in $((SECONDS - started)) s"
}

# stop_tls_dockerd: removes the TLS dockerd's containers, stops it, removes its bridge and state.
stop_tls_dockerd() {
  ENGINES_UNAVAILABLE=""
  local pid=""
  [ -f "$TLS_DOCKERD_PIDFILE" ] && pid=$(cat "$TLS_DOCKERD_PIDFILE" 2>/dev/null)
  [ -z "$pid" ] && [ -f "$TLS_DOCKERD_LAUNCH_PIDFILE" ] && pid=$(cat "$TLS_DOCKERD_LAUNCH_PIDFILE" 2>/dev/null)
  if _tls_dockerd_answers; then
    local ids
    ids=$(docker -H "unix://$TLS_DOCKERD_SOCK" ps -aq 2>/dev/null)
    [ -n "$ids" ] && docker -H "unix://$TLS_DOCKERD_SOCK" rm -f $ids >/dev/null 2>&1
  fi
  if [ -n "$pid" ] && _engines_alive "$pid"; then
    kill "$pid"
    for _ in $(seq 1 40); do _engines_alive "$pid" || break; sleep 0.5; done
    if _engines_alive "$pid"; then
      ENGINES_UNAVAILABLE="the TLS dockerd (pid $pid) did not stop within 20 s"
      return 1
    fi
  fi
  ip link del "$TLS_DOCKERD_BRIDGE" 2>/dev/null
  rm -rf "$TLS_DOCKERD_EXEC" "$TLS_DOCKERD_LAUNCH_PIDFILE" "$TLS_DOCKERD_SOCK" "$TLS_DOCKERD_PIDFILE"
  # dockerd bind-mounts its data root onto itself (and overlay mounts below it) and undoes that when it stops
  # cleanly; a daemon that died half-way leaves the bind mount, which makes rm fail with "Device or resource busy"
  if [ -d "$TLS_DOCKERD_DATA" ]; then
    grep -F " $TLS_DOCKERD_DATA" /proc/self/mountinfo | awk '{print $5}' | sort -r | while read -r m; do
      umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
    done
  fi
  if ! rm -rf "$TLS_DOCKERD_DATA" 2>/dev/null; then
    ENGINES_UNAVAILABLE="could not remove $TLS_DOCKERD_DATA (a mount left behind?)"
    return 1
  fi
  unset TLS_DOCKER_HOST
  echo "tls: the TLS dockerd is stopped; the main dockerd on /var/run/docker.sock was not touched"
}

# ---------------------------------------------------------------------------------------------------------------
# Docker over ssh://: a private sshd on 127.0.0.1
# ---------------------------------------------------------------------------------------------------------------
# Everything lives in DIR; nothing under ~/.ssh (the passwd entry's /root/.ssh) or /etc/ssh is read or written:
# sshd reads DIR/authorized_keys (AuthorizedKeysFile, StrictModes no), and the client side is DIR/ssh_config, which
# `ssh -F DIR/ssh_config` reads INSTEAD of ~/.ssh/config and /etc/ssh/ssh_config. OpenSSH has no environment
# variable naming a config file or identity (GIT_SSH-like variables are git's, not ssh's), and it finds ~/.ssh
# through the passwd entry, not $HOME; so a test points the library at -F DIR/ssh_config or puts DIR/bin (a wrapper
# `ssh` that adds -F) first on the PATH of the process that runs ssh.
SSHD_PIDFILE=""
SSHD_DIR=""

# start_sshd PORT DIR [ADDRESS]: sshd on 127.0.0.1:PORT (and ADDRESS:PORT when given, for example REMOTE_TEST_ADDRESS
# after add_remote_address) for root, key authentication only. Writes in DIR: sshd_config,
# ssh_host_ed25519_key, id_ed25519(.pub) (the client key, no passphrase), authorized_keys, known_hosts (holds
# [127.0.0.1]:PORT and [localhost]:PORT), ssh_config (Host 127.0.0.1 localhost: IdentityFile, IdentitiesOnly,
# UserKnownHostsFile, BatchMode), bin/ssh (exec /usr/bin/ssh -F DIR/ssh_config "$@"). Exports SSHD_PORT,
# SSH_TEST_CONFIG=DIR/ssh_config, SSH_TEST_DOCKER_HOST=ssh://root@127.0.0.1:PORT. Checks docker system dial-stdio.
start_sshd() {
  ENGINES_UNAVAILABLE=""
  local port=${1:?start_sshd PORT DIR} dir=${2:?start_sshd PORT DIR} extra=${3:-}
  local started=$SECONDS
  engines_need /usr/sbin/sshd openssh-server || return 1
  engines_need ssh openssh-client || return 1
  command -v docker >/dev/null 2>&1 || { ENGINES_UNAVAILABLE="the docker CLI (for docker system dial-stdio) is missing"; return 1; }
  [ "$(id -u)" = 0 ] || { ENGINES_UNAVAILABLE="start_sshd runs sshd as root and logs in as root"; return 1; }
  mkdir -p "$dir" || { ENGINES_UNAVAILABLE="cannot create $dir"; return 1; }
  dir=$(cd "$dir" && pwd)
  stop_sshd "$dir" >/dev/null 2>&1
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    ENGINES_UNAVAILABLE="port $port on 127.0.0.1 is already taken"
    return 1
  fi
  rm -f "$dir"/ssh_host_ed25519_key* "$dir"/id_ed25519* "$dir"/known_hosts* "$dir"/authorized_keys "$dir/sshd.log"
  ssh-keygen -q -t ed25519 -N '' -C "engines-sshd-host" -f "$dir/ssh_host_ed25519_key" \
    && ssh-keygen -q -t ed25519 -N '' -C "engines-test-client" -f "$dir/id_ed25519" \
    || { ENGINES_UNAVAILABLE="ssh-keygen failed"; return 1; }
  cp "$dir/id_ed25519.pub" "$dir/authorized_keys"
  local hostkey
  hostkey=$(cut -d' ' -f1,2 "$dir/ssh_host_ed25519_key.pub")
  printf '[127.0.0.1]:%s %s\n[localhost]:%s %s\n' "$port" "$hostkey" "$port" "$hostkey" > "$dir/known_hosts"
  [ -n "$extra" ] && printf '[%s]:%s %s\n' "$extra" "$port" "$hostkey" >> "$dir/known_hosts"
  cat > "$dir/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
${extra:+ListenAddress $extra}
HostKey $dir/ssh_host_ed25519_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowUsers root
UsePAM no
PrintMotd no
X11Forwarding no
LogLevel VERBOSE
CONF
  cat > "$dir/ssh_config" <<CONF
Host 127.0.0.1 localhost $extra
  User root
  IdentityFile $dir/id_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $dir/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  BatchMode yes
CONF
  mkdir -p "$dir/bin"
  printf '#!/bin/sh\nexec /usr/bin/ssh -F %s/ssh_config "$@"\n' "$dir" > "$dir/bin/ssh"
  chmod 755 "$dir/bin/ssh"
  chmod 600 "$dir/id_ed25519" "$dir/ssh_host_ed25519_key"
  mkdir -p /run/sshd   # sshd's privilege separation directory; sshd refuses to start without it
  if ! /usr/sbin/sshd -t -f "$dir/sshd_config" >"$dir/sshd.log" 2>&1; then
    ENGINES_UNAVAILABLE="sshd -t rejects $dir/sshd_config: $(tail -n 1 "$dir/sshd.log")"
    return 1
  fi
  # sshd daemonizes once it listens, and writes PidFile; -E appends its log to DIR/sshd.log
  if ! /usr/sbin/sshd -f "$dir/sshd_config" -E "$dir/sshd.log" </dev/null; then
    ENGINES_UNAVAILABLE="sshd did not start: $(tail -n 1 "$dir/sshd.log")"
    return 1
  fi
  SSHD_PIDFILE=$dir/sshd.pid SSHD_DIR=$dir
  for _ in $(seq 1 20); do [ -s "$SSHD_PIDFILE" ] && break; sleep 0.1; done
  export SSHD_PORT=$port SSH_TEST_CONFIG=$dir/ssh_config SSH_TEST_DOCKER_HOST=ssh://root@127.0.0.1:$port
  local reply
  # stdout only: when the engine closes first, dial-stdio may log to stderr (level=error msg="error while CloseWrite
  # (stdin to stream): ... use of closed network connection") although the exchange succeeded
  reply=$(printf 'GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n' \
    | timeout 20 ssh -F "$dir/ssh_config" -o ConnectTimeout=5 -p "$port" root@127.0.0.1 -- docker system dial-stdio \
      2>"$dir/dial-stdio.err")
  if ! printf '%s' "$reply" | tail -n 1 | grep -qx 'OK'; then
    ENGINES_UNAVAILABLE="ssh ... docker system dial-stdio did not answer OK to GET /_ping: $(tail -n 2 "$dir/dial-stdio.err" | tr '\r\n' '  ')"
    return 1
  fi
  echo "ssh: sshd $( /usr/sbin/sshd -V 2>&1 | cut -d, -f1) on 127.0.0.1:$port, docker system dial-stdio answers ($SSH_TEST_DOCKER_HOST, ssh -F $dir/ssh_config) in $((SECONDS - started)) s"
}

# stop_sshd [DIR]: stops the sshd start_sshd started (by its pid file, DIR/sshd.pid; DIR defaults to the one
# start_sshd used in this shell); the keys and configs stay in DIR.
stop_sshd() {
  ENGINES_UNAVAILABLE=""
  local pidfile=${1:+$1/sshd.pid} pid=""
  pidfile=${pidfile:-$SSHD_PIDFILE}
  [ -n "$pidfile" ] && [ -f "$pidfile" ] && pid=$(cat "$pidfile" 2>/dev/null)
  if [ -n "$pid" ] && _engines_alive "$pid"; then
    kill "$pid"
    for _ in $(seq 1 20); do _engines_alive "$pid" || break; sleep 0.1; done
    if _engines_alive "$pid"; then
      ENGINES_UNAVAILABLE="sshd (pid $pid) did not stop"
      return 1
    fi
  fi
  [ -n "$pidfile" ] && rm -f "$pidfile"
  SSHD_PIDFILE=""
  unset SSHD_PORT SSH_TEST_DOCKER_HOST
  echo "ssh: the test sshd is stopped"
}

# ---------------------------------------------------------------------------------------------------------------
# A "remote" address: an engine reached at it is on "another machine" for config-docker
# ---------------------------------------------------------------------------------------------------------------
# config-docker treats an engine reached over TCP or ssh at an address other than loopback as remote: its ports
# bound to 127.0.0.1 cannot be reached from here, and one published on all interfaces is reached at the engine's
# address. To test that on one machine, this puts a private, non-loopback address on a bridge of its own (no
# members, no route beyond this machine); sshd can listen there, and ports dockerd publishes on all interfaces
# answer there too.
REMOTE_TEST_BRIDGE=eng-rem0
REMOTE_TEST_ADDRESS=${REMOTE_TEST_ADDRESS:-10.213.9.1}

# add_remote_address: creates the bridge with REMOTE_TEST_ADDRESS/32 (exported).
add_remote_address() {
  ENGINES_UNAVAILABLE=""
  [ "$(id -u)" = 0 ] || { ENGINES_UNAVAILABLE="adding an address needs root"; return 1; }
  command -v ip >/dev/null 2>&1 || { ENGINES_UNAVAILABLE="the ip command (iproute2) is missing"; return 1; }
  remove_remote_address >/dev/null 2>&1
  if ! { ip link add "$REMOTE_TEST_BRIDGE" type bridge && ip addr add "$REMOTE_TEST_ADDRESS/32" dev "$REMOTE_TEST_BRIDGE" \
      && ip link set "$REMOTE_TEST_BRIDGE" up; } 2>/tmp/engines-env-ip.log; then
    ENGINES_UNAVAILABLE="could not put $REMOTE_TEST_ADDRESS on a bridge $REMOTE_TEST_BRIDGE: $(tail -n 1 /tmp/engines-env-ip.log)"
    ip link del "$REMOTE_TEST_BRIDGE" 2>/dev/null
    return 1
  fi
  export REMOTE_TEST_ADDRESS
  echo "remote: $REMOTE_TEST_ADDRESS on bridge $REMOTE_TEST_BRIDGE"
}

# remove_remote_address: deletes the bridge (and so the address).
remove_remote_address() {
  ip link del "$REMOTE_TEST_BRIDGE" 2>/dev/null
  echo "remote: bridge $REMOTE_TEST_BRIDGE removed"
}

# free_port: prints a TCP port on 127.0.0.1 that nothing listens on (from 20000-29999, at random).
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 10000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# ---------------------------------------------------------------------------------------------------------------
# Podman's Docker-compatible API
# ---------------------------------------------------------------------------------------------------------------
# Podman (4.3.1 on Debian 12) runs as root with its own storage (/var/lib/containers/storage, /run/containers/storage),
# its own network (netavark, bridge podman0, 10.88.0.0/16) and no daemon but the API service started here; it shares
# nothing with dockerd (/var/lib/docker, docker0). Containers only start with default_ulimits = [] in the file that
# CONTAINERS_CONF names: podman's built-in default sets RLIMIT_NOFILE to 1048576, above this sandbox's hard limit
# (20000), and runc then fails with "error setting rlimit type 7: operation not permitted". CONTAINERS_CONF must be
# set for the service AND for every podman / podman-compose command that creates containers locally; with
# CONTAINER_HOST=unix://SOCKET the podman CLI (and so podman-compose) goes through the service instead.
PODMAN_DIR=${PODMAN_DIR:-/tmp/engines-podman}   # containers.conf, service.log, pid files
PODMAN_SOCK=""
PODMAN_PIDFILE=""
PODMAN_TEST_IMAGE=${PODMAN_TEST_IMAGE:-backend-config-it/backend:latest}

_podman_answers() {
  curl -s --max-time 2 --unix-socket "$1" http://d/_ping 2>/dev/null | grep -q OK
}

# start_podman SOCKET: installs podman and podman-compose when missing, writes PODMAN_DIR/containers.conf, starts
# `podman system service --time=0 unix://SOCKET` in the background and waits for _ping. Exports CONTAINERS_CONF and
# PODMAN_SOCK (not DOCKER_HOST or CONTAINER_HOST: docker commands in the same shell must keep reaching dockerd).
start_podman() {
  ENGINES_UNAVAILABLE=""
  local sock=${1:?start_podman SOCKET}
  local started=$SECONDS
  engines_need podman podman || return 1
  engines_need podman-compose podman-compose || return 1
  [ "$(id -u)" = 0 ] || { ENGINES_UNAVAILABLE="start_podman runs rootful podman (needs root)"; return 1; }
  case $sock in /*) ;; *) sock=$PWD/$sock ;; esac
  [ "$sock" = /var/run/docker.sock ] || [ "$sock" = /run/docker.sock ] \
    && { ENGINES_UNAVAILABLE="refusing to put podman on dockerd's socket"; return 1; }
  stop_podman >/dev/null 2>&1
  mkdir -p "$PODMAN_DIR" "$(dirname "$sock")"
  printf '[containers]\n# the built-in nofile limit (1048576) is above this machine'"'"'s hard limit\ndefault_ulimits = []\n' \
    > "$PODMAN_DIR/containers.conf"
  export CONTAINERS_CONF=$PODMAN_DIR/containers.conf
  rm -f "$sock"
  PODMAN_SOCK=$sock PODMAN_PIDFILE=$PODMAN_DIR/service.pid
  echo "$sock" > "$PODMAN_DIR/socket"
  # setsid: out of the caller's process group; the inner shell writes its own pid, then becomes podman (exec), so the
  # pid file is right whether or not setsid had to fork (it does when the caller runs with job control)
  setsid bash -c 'echo $$ > "$1"; exec podman system service --time=0 "unix://$2"' _ "$PODMAN_PIDFILE" "$sock" \
    >"$PODMAN_DIR/service.log" 2>&1 </dev/null &
  for _ in $(seq 1 20); do [ -s "$PODMAN_PIDFILE" ] && break; sleep 0.05; done
  for _ in $(seq 1 60); do
    _podman_answers "$sock" && break
    _engines_alive "$(cat "$PODMAN_PIDFILE")" || break
    sleep 0.25
  done
  if ! _podman_answers "$sock"; then
    ENGINES_UNAVAILABLE="podman system service did not answer on $sock within 15 s: $(tail -n 1 "$PODMAN_DIR/service.log")"
    stop_podman >/dev/null 2>&1
    return 1
  fi
  export PODMAN_SOCK
  echo "podman: $(podman version --format '{{.Server.Version}}' 2>/dev/null || podman --version) API service answers on unix://$sock (CONTAINERS_CONF=$CONTAINERS_CONF) in $((SECONDS - started)) s"
}

# podman_load_test_image: copies PODMAN_TEST_IMAGE from dockerd into podman's storage (docker save | podman load),
# building it first with scripts/docker-it-image.sh when dockerd lacks it. podman load names it
# localhost/backend-config-it/backend:latest; short-name lookups (CLI and compat API) find it under that name.
podman_load_test_image() {
  ENGINES_UNAVAILABLE=""
  local main=${ENGINES_REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
  if ! docker image inspect "$PODMAN_TEST_IMAGE" >/dev/null 2>&1; then
    bash "$main/scripts/docker-it-image.sh" "$PODMAN_TEST_IMAGE" >/dev/null 2>&1 \
      || { ENGINES_UNAVAILABLE="could not build $PODMAN_TEST_IMAGE with $main/scripts/docker-it-image.sh"; return 1; }
  fi
  local out previous current
  previous=$(podman image inspect --format '{{.Id}}' "localhost/$PODMAN_TEST_IMAGE" 2>/dev/null || true)
  if ! out=$(docker save "$PODMAN_TEST_IMAGE" | podman load 2>&1); then
    ENGINES_UNAVAILABLE="podman load failed: $(printf '%s' "$out" | tail -n 1)"
    return 1
  fi
  # the image the load replaced under the name would be left dangling, one more per run
  current=$(podman image inspect --format '{{.Id}}' "localhost/$PODMAN_TEST_IMAGE" 2>/dev/null || true)
  if [ -n "$previous" ] && [ "$previous" != "$current" ]; then
    podman rmi "$previous" >/dev/null 2>&1 || true
  fi
  echo "podman: $(printf '%s' "$out" | grep -i 'loaded image' | tail -n 1)"
}

# podman_compose ARGS...: podman-compose ARGS with CONTAINERS_CONF set and CONTAINER_HOST=unix://PODMAN_SOCK, so
# the podman commands podman-compose runs go through the API service (podman-compose itself never reads DOCKER_HOST).
# Example: podman_compose -f stack/docker-compose.yml -p engines-it up -d   (and: ... down)
podman_compose() {
  [ -n "$PODMAN_SOCK" ] || { echo "podman_compose: start_podman first" >&2; return 1; }
  CONTAINERS_CONF=$PODMAN_DIR/containers.conf CONTAINER_HOST=unix://$PODMAN_SOCK podman-compose "$@"
}

# podman_healthcheck_ticker [SECONDS]: podman runs healthchecks from systemd timers, and there is no systemd here, so
# a container's State.Health.Status stays "starting" forever. This background loop stands in for the timers: every
# SECONDS (default 1) it runs `podman healthcheck run` on each running container that has a healthcheck. stop_podman
# ends it. Without it, a test sees exactly what a systemd-less Podman host gives.
podman_healthcheck_ticker() {
  ENGINES_UNAVAILABLE=""
  local every=${1:-1}
  [ -n "$PODMAN_SOCK" ] || { ENGINES_UNAVAILABLE="start_podman first"; return 1; }
  _podman_stop_ticker
  setsid bash -c '
    echo $$ > "$1"
    export CONTAINERS_CONF=$2
    unset CONTAINER_HOST   # set but empty, it breaks podman: unable to create connection. "" is not a supported schema
    while sleep "$3"; do
      for id in $(podman ps -q --filter status=running 2>/dev/null); do
        [ "$(podman inspect --format "{{if .Config.Healthcheck}}yes{{end}}" "$id" 2>/dev/null)" = yes ] \
          && podman healthcheck run "$id" >/dev/null 2>&1
      done
    done' _ "$PODMAN_DIR/ticker.pid" "$PODMAN_DIR/containers.conf" "$every" >/dev/null 2>&1 </dev/null &
  for _ in $(seq 1 20); do [ -s "$PODMAN_DIR/ticker.pid" ] && break; sleep 0.05; done
  echo "podman: healthcheck ticker runs every ${every} s (pid $(cat "$PODMAN_DIR/ticker.pid" 2>/dev/null))"
}

_podman_stop_ticker() {
  local pid
  pid=$(cat "$PODMAN_DIR/ticker.pid" 2>/dev/null) || return 0
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  rm -f "$PODMAN_DIR/ticker.pid"
}

# stop_podman: stops the healthcheck ticker and the API service start_podman started, removes every podman container
# and pod (podman on this machine is only for these tests), the networks podman-compose left (it does not remove
# them on down) and the socket. Images stay (podman rmi -a removes them).
stop_podman() {
  ENGINES_UNAVAILABLE=""
  local pid=""
  _podman_stop_ticker
  # a fresh shell knows neither: take them from PODMAN_DIR
  [ -n "$PODMAN_PIDFILE" ] || PODMAN_PIDFILE=$PODMAN_DIR/service.pid
  [ -n "$PODMAN_SOCK" ] || PODMAN_SOCK=$(cat "$PODMAN_DIR/socket" 2>/dev/null)
  [ -n "$PODMAN_PIDFILE" ] && [ -f "$PODMAN_PIDFILE" ] && pid=$(cat "$PODMAN_PIDFILE" 2>/dev/null)
  if command -v podman >/dev/null 2>&1; then
    env -u CONTAINER_HOST CONTAINERS_CONF=${CONTAINERS_CONF:-$PODMAN_DIR/containers.conf} podman pod rm -a -f >/dev/null 2>&1
    env -u CONTAINER_HOST CONTAINERS_CONF=${CONTAINERS_CONF:-$PODMAN_DIR/containers.conf} podman rm -a -f >/dev/null 2>&1
    env -u CONTAINER_HOST CONTAINERS_CONF=${CONTAINERS_CONF:-$PODMAN_DIR/containers.conf} podman network prune -f >/dev/null 2>&1
  fi
  if [ -n "$pid" ] && _engines_alive "$pid"; then
    kill "$pid"
    for _ in $(seq 1 40); do _engines_alive "$pid" || break; sleep 0.25; done
    if _engines_alive "$pid"; then
      ENGINES_UNAVAILABLE="podman system service (pid $pid) did not stop within 10 s"
      return 1
    fi
  fi
  [ -n "$PODMAN_SOCK" ] && rm -f "$PODMAN_SOCK"
  rm -f "$PODMAN_PIDFILE" "$PODMAN_DIR/socket"
  PODMAN_SOCK="" PODMAN_PIDFILE=""
  echo "podman: the API service is stopped, podman containers removed"
}
