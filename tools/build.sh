#!/usr/bin/env bash
# Configures and builds jos into build/<name>. Usage: tools/build.sh NAME [cmake options]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
name=$1
shift
dir="$here/build/$name"
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S "$here" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$dir" -j "$jobs"
