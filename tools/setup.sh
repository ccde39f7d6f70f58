#!/usr/bin/env bash
# Installs the Debian 12 packages jos needs that are missing; does nothing when all are
# there. Usage: tools/setup.sh [core|gui|web|test|ci]...  (default: core gui web)
#   web: emscripten for the browser client, and a deb-src line for Debian's main archive
#        (Dear ImGui's sources come from Debian's source package: tools/fetch_imgui.sh)
#   test: also Chromium and node for the browser tests (tests/web installs playwright-core)
set -euo pipefail

core=(g++ cmake make pkg-config ccache libboost1.81-dev nlohmann-json3-dev libsqlite3-dev libcli11-dev
      libssl-dev libpq-dev zlib1g-dev libpango1.0-dev libcairo2-dev fonts-dejavu-core)
gui=(libimgui-dev libglfw3-dev libgl-dev fonts-dejavu-core)
web=(emscripten node-acorn dpkg-dev fonts-dejavu-core)
test=(libgtest-dev libgmock-dev xvfb xauth xdotool xclip x11-xserver-utils openssl sqlite3
      poppler-utils chromium nodejs dpkg-dev
      postgresql)
ci=(clang libclang-rt-14-dev clang-format)

wanted=()
want_sources=false
[ $# -eq 0 ] && set -- core gui web
for group in "$@"; do
  case "$group" in
    core) wanted+=("${core[@]}") ;;
    gui) wanted+=("${gui[@]}") ;;
    web) wanted+=("${web[@]}"); want_sources=true ;;
    test)
      wanted+=("${test[@]}")
      # npm comes with some builds of node (NodeSource's); Debian's node needs its own.
      command -v npm >/dev/null || wanted+=(npm)
      ;;
    ci) wanted+=("${ci[@]}") ;;
    *) echo "setup.sh: unknown group '$group' (core, gui, web, test, ci)" >&2; exit 2 ;;
  esac
done

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"

# apt-get source needs the archive's source index; a fresh Debian has only binary lines.
updated=false
if $want_sources && ! apt-cache showsrc imgui 2>/dev/null | grep -q '^Package: imgui'; then
  . /etc/os-release
  echo "jos: adding Debian's source archive (deb-src, ${VERSION_CODENAME:-bookworm} main)"
  printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "${VERSION_CODENAME:-bookworm}" | $sudo tee /etc/apt/sources.list.d/jos-debian-src.sources >/dev/null
  $sudo apt-get update -qq
  updated=true
fi

missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "jos: installing ${missing[*]}"
$updated || $sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
