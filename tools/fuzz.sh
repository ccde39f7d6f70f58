#!/usr/bin/env bash
# Builds the protocol fuzzer with clang (libFuzzer + ASan + UBSan) in its own build directory
# and runs it for a bounded time on a copy of the seed corpus.
#
#   tools/fuzz.sh [seconds]        default 60
#
# Environment: JOS_FUZZ_DIR (default build/fuzz in the checkout) holds the build, the working corpus and
# any crash inputs; JOS_FUZZ_JOBS (default 2) sets the build's parallelism.
# Exits non-zero when the fuzzer finds a crash, a leak or a broken invariant; the input that
# did it is kept in $JOS_FUZZ_DIR/artifacts and can be replayed with
#   $JOS_FUZZ_DIR/build/protocol/fuzz/decode_fuzz <file>
set -euo pipefail

seconds="${1:-60}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: $0 [seconds]" >&2
  exit 2
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${JOS_FUZZ_DIR:-$root/build/fuzz}"
build="$work/build"
jobs="${JOS_FUZZ_JOBS:-2}"

CC=clang CXX=clang++ cmake -S "$root" -B "$build" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DJOS_BUILD_FUZZ=ON -DJOS_BUILD_TESTS=OFF -DJOS_BUILD_GUI=OFF -DJOS_BUILD_SERVER=OFF >/dev/null
cmake --build "$build" --target decode_fuzz -j "$jobs"

# A fresh copy each run: libFuzzer adds what it finds to the corpus it is given, and the
# seeds in the repository stay as they are.
corpus="$work/corpus"
artifacts="$work/artifacts"
rm -rf "$corpus"
mkdir -p "$corpus" "$artifacts"
cp "$root"/protocol/fuzz/corpus/* "$corpus"/

echo "fuzzing the protocol decoders for ${seconds}s (corpus: $corpus)"
status=0
"$build/protocol/fuzz/decode_fuzz" "$corpus" \
  -max_total_time="$seconds" \
  -timeout=10 \
  -rss_limit_mb=2048 \
  -max_len=16384 \
  -artifact_prefix="$artifacts/" \
  -print_final_stats=1 || status=$?

if [ "$status" -ne 0 ]; then
  echo "fuzz: FAILED (exit $status); inputs that broke it:" >&2
  ls -1 "$artifacts" >&2 || true
  exit 1
fi
echo "fuzz: no crash in ${seconds}s"
