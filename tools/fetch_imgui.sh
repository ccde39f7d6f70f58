#!/usr/bin/env bash
# Fetches the sources of Dear ImGui, the very version Debian ships for the desktop (1.86),
# from Debian's source package into DIR, once: the browser client compiles them with
# emscripten. Prints the source folder. Usage: tools/fetch_imgui.sh DIR
# Needs a deb-src line for Debian's main archive (tools/setup.sh web adds one).
set -euo pipefail
dir=${1:?usage: $0 DIR}
version=${JOS_IMGUI_VERSION:-1.86+ds-1}
mkdir -p "$dir"
found=$(find "$dir" -maxdepth 2 -name imgui.cpp -path "*imgui-${version%-*}/*" 2>/dev/null | head -n 1)
if [ -z "$found" ]; then
  work=$(mktemp -d "$dir/fetch.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  if ! (cd "$work" && apt-get source -qq "imgui=$version" >"$work/log" 2>&1); then
    cat "$work/log" >&2
    echo "fetch_imgui.sh: 'apt-get source imgui=$version' failed; tools/setup.sh web adds" \
      "Debian's deb-src line and the tools it needs (dpkg-dev)." >&2
    exit 1
  fi
  mv "$work/imgui-${version%-*}" "$dir/"
  found="$dir/imgui-${version%-*}/imgui.cpp"
fi
dirname "$found"
