#!/usr/bin/env bash
# Installs what is missing, builds jos, starts the server on its embedded SQLite database
# (jos-data/jos.sqlite), prints the address where browsers open jos (the server serves the
# browser client at /) and opens a desktop client window connected to it. Closing the
# window stops the server. Without the browser client: tools/run.sh with JOS_BUILD_WEB=OFF.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
web=${JOS_BUILD_WEB:-ON}
if [ "$web" = ON ]; then "$here/tools/setup.sh" core gui web; else "$here/tools/setup.sh" core gui; fi
"$here/tools/build.sh" app -DJOS_BUILD_TESTS=OFF -DJOS_BUILD_WEB="$web"
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
if [ "$web" = ON ]; then
  echo "jos: open http://127.0.0.1:$port/ in a browser"
fi
"$bin/client/jos-client" --server "ws://127.0.0.1:$port/ws" "$@"
