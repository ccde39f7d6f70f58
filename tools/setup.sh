#!/usr/bin/env bash
# Installs the Debian 12 packages jos needs that are missing; does nothing when all are
# there. Usage: tools/setup.sh [core|gui|test|ci]...  (default: core gui)
set -euo pipefail

core=(g++ cmake make pkg-config ccache libboost1.81-dev nlohmann-json3-dev libsqlite3-dev
      libssl-dev libpq-dev libpango1.0-dev libcairo2-dev fonts-dejavu-core)
gui=(libimgui-dev libglfw3-dev libgl-dev fonts-dejavu-core)
test=(libgtest-dev libgmock-dev xvfb xauth xdotool x11-xserver-utils openssl sqlite3 poppler-utils
      postgresql)
ci=(clang libclang-rt-14-dev clang-format)

wanted=()
[ $# -eq 0 ] && set -- core gui
for group in "$@"; do
  case "$group" in
    core) wanted+=("${core[@]}") ;;
    gui) wanted+=("${gui[@]}") ;;
    test) wanted+=("${test[@]}") ;;
    ci) wanted+=("${ci[@]}") ;;
    *) echo "setup.sh: unknown group '$group' (core, gui, test, ci)" >&2; exit 2 ;;
  esac
done

missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "jos: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
