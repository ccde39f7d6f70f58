#!/usr/bin/env bash
# Installs what is missing, builds jos, starts the server on its embedded SQLite database
# (jos-data/jos.sqlite) and opens a client window connected to it. Closing the window
# stops the server.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/tools/setup.sh" core gui
"$here/tools/build.sh" app -DJOS_BUILD_TESTS=OFF
bin="$here/build/app"
port=${JOS_PORT:-8765}
mkdir -p "$here/jos-data"
"$bin/server/jos-server" --port "$port" --db "$here/jos-data/jos.sqlite" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
# Wait until the server accepts connections (it is up in well under a second).
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
"$bin/client/jos-client" --server "ws://127.0.0.1:$port/ws" "$@"
