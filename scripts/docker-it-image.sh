#!/usr/bin/env bash
# Build the test backend image used by the real-Docker tests, from files on this machine (no registry needed):
# a root file system holding a static busybox (for the healthcheck and the shell) and websocketd with the
# libc files ldd lists. websocketd serves, on one port, static files over HTTP (GET /health answers "ok") and a
# WebSocket echo on any path. GET /api/health answers "ok" too (the frontend's health path).
#
#   scripts/docker-it-image.sh [IMAGE]     default IMAGE: backend-config-it/backend:latest
set -euo pipefail

image=${1:-backend-config-it/backend:latest}
busybox=$(command -v busybox)
websocketd=$(command -v websocketd)
for tool in "$busybox" "$websocketd"; do
  [ -x "$tool" ] || { echo "docker-it-image: $tool is missing (apt-get install busybox-static websocketd)" >&2; exit 1; }
done
file "$busybox" 2>/dev/null | grep -q "statically linked" \
  || { echo "docker-it-image: $busybox is not static (install busybox-static)" >&2; exit 1; }

rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs"/{bin,www,tmp,etc}
cp "$busybox" "$rootfs/bin/busybox"
for applet in sh sleep wget cat echo test false true touch rm; do
  ln -s busybox "$rootfs/bin/$applet"
done
cp "$websocketd" "$rootfs/bin/websocketd"
# the dynamic libraries websocketd needs, at the paths ldd gives
for library in $(ldd "$websocketd" | grep -o '/[^ ]*'); do
  mkdir -p "$rootfs$(dirname "$library")"
  cp -L "$library" "$rootfs$library"
done
echo ok > "$rootfs/www/health"
mkdir -p "$rootfs/www/api"
echo ok > "$rootfs/www/api/health"
echo 'root:x:0:0:root:/:/bin/sh' > "$rootfs/etc/passwd"

# The entry point: wait BACKEND_START_DELAY seconds (to test a container whose healthcheck says "starting"),
# then serve /www over HTTP and a WebSocket echo (cat) on BACKEND_PORT.
cat > "$rootfs/bin/backend" <<'SCRIPT'
#!/bin/sh
sleep "${BACKEND_START_DELAY:-0}"
exec /bin/websocketd --port="${BACKEND_PORT:-8000}" --staticdir=/www --loglevel=error /bin/cat
SCRIPT
chmod +x "$rootfs/bin/backend"

tar -C "$rootfs" -cf "$rootfs.tar" .
# Each import makes a new image; the one it replaces under the tag would be left dangling, one more per run.
previous=$(docker image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)
docker import --change 'CMD ["/bin/backend"]' --change 'EXPOSE 8000' "$rootfs.tar" "$image" >/dev/null
rm -f "$rootfs.tar"
current=$(docker image inspect --format '{{.Id}}' "$image")
if [ -n "$previous" ] && [ "$previous" != "$current" ]; then
  docker rmi "$previous" >/dev/null 2>&1 || true   # still used by a container: left to its owner
fi
echo "docker-it-image: built $image"
