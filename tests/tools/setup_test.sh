#!/usr/bin/env bash
# tools/setup.sh must do nothing when every package is there, ask apt only for the missing
# ones when some are not, and refuse an unknown group. apt-get and sudo are replaced by
# recorders on PATH so that the test never installs anything. The first case asks the real
# package database (tools/test.sh installed core, gui and test before building this); on a
# machine that lacks some of them it asks a database that has them all instead.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

mkdir -p "$work/bin"
for tool in apt-get sudo; do
  printf '#!/bin/sh\necho "%s $*" >> "%s/calls"\n' "$tool" "$work" > "$work/bin/$tool"
  chmod +x "$work/bin/$tool"
done

# 1. Everything present: no output, no apt, exit 0.
if ! PATH="$work/bin:$PATH" "$root/tools/setup.sh" core gui test >/dev/null 2>&1 ||
  [ -e "$work/calls" ]; then
  echo "note: this machine lacks some packages; case 1 uses a database that has them all"
  rm -f "$work/calls"
  printf '#!/bin/sh\nprintf "install ok installed"\n' > "$work/bin/dpkg-query"
  chmod +x "$work/bin/dpkg-query"
fi
out=$(PATH="$work/bin:$PATH" "$root/tools/setup.sh" core gui test 2>&1) ||
  fail "setup.sh failed with all packages present: $out"
[ -z "$out" ] || fail "setup.sh printed something with all packages present: $out"
[ ! -e "$work/calls" ] || fail "setup.sh called apt with all packages present: $(cat "$work/calls")"
# Again, as the README's commands do on every run.
PATH="$work/bin:$PATH" "$root/tools/setup.sh" core gui test >/dev/null 2>&1 || fail "second run"
[ ! -e "$work/calls" ] || fail "second run called apt: $(cat "$work/calls")"

# 2. Two packages missing (a package database that lacks them): apt installs exactly those.
cat > "$work/bin/dpkg-query" <<'SH'
#!/bin/sh
for pkg; do :; done
case "$pkg" in
  libgtest-dev|xvfb) exit 1 ;;
  *) printf 'install ok installed' ;;
esac
SH
chmod +x "$work/bin/dpkg-query"
PATH="$work/bin:$PATH" "$root/tools/setup.sh" core gui test >/dev/null 2>&1 ||
  fail "setup.sh failed with two packages missing"
grep -q "apt-get update" "$work/calls" || fail "no apt-get update: $(cat "$work/calls")"
install=$(grep "apt-get install" "$work/calls") || fail "no apt-get install: $(cat "$work/calls")"
wanted=$(echo "$install" | tr ' ' '\n' | grep -v '^-' |
  grep -v -e '^sudo$' -e '^apt-get$' -e '^install$' |
  sort | tr '\n' ' ')
[ "$wanted" = "libgtest-dev xvfb " ] || fail "installed '$wanted', expected 'libgtest-dev xvfb '"

# 3. An unknown group is refused before anything is checked or installed.
rm -f "$work/calls"
status=0
PATH="$work/bin:$PATH" "$root/tools/setup.sh" everything >/dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || fail "unknown group gave exit $status, expected 2"
[ ! -e "$work/calls" ] || fail "unknown group called apt"

echo "setup.sh: idempotent, installs only what is missing, refuses unknown groups"
