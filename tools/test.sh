#!/usr/bin/env bash
# Installs what is missing, builds jos with its tests and runs every test.
# Extra arguments go to cmake (e.g. -DJOS_SANITIZE=ON); JOS_BUILD_NAME picks the build dir.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/tools/setup.sh" core gui web test
name=${JOS_BUILD_NAME:-test}
"$here/tools/build.sh" "$name" -DJOS_BUILD_TESTS=ON "$@"
jobs=$(nproc 2>/dev/null || echo 2)
ctest --test-dir "$here/build/$name" --output-on-failure -j "$jobs"
