#!/usr/bin/env bash
# The Debian package: cpack builds it from the build tree, it holds the server, the unit,
# its defaults (a conffile) and the docs, depends on what the binary links, and the unit
# passes systemd-analyze verify (with ExecStart pointing at the built binary).
set -euo pipefail
build_dir=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$build_dir"
cpack -G DEB -B "$work" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/jos-server_*.deb)
contents=$(dpkg-deb -c "$deb")
wanted=(./usr/bin/jos-server ./usr/lib/systemd/system/jos-server.service
        ./etc/default/jos-server ./usr/share/doc/jos-server/PRIVACY.md)
# A build that makes the browser client ships it, where the server looks for it.
[ -f web/site/index.html ] && wanted+=(./usr/share/jos/web/index.html ./usr/share/jos/web/jos.wasm)
for path in "${wanted[@]}"; do
  grep -q " $path\$" <<<"$contents" || { echo "missing $path in:"; echo "$contents"; exit 1; }
done
info=$(dpkg-deb -I "$deb")
grep -q "Depends:.*libsqlite3" <<<"$info" || { echo "no libsqlite3 dependency: $info"; exit 1; }
dpkg-deb -e "$deb" "$work/control"
[ -x "$work/control/postinst" ] || { echo "no postinst"; exit 1; }
grep -qx /etc/default/jos-server "$work/control/conffiles" || { echo "defaults not a conffile"; exit 1; }

if command -v systemd-analyze >/dev/null; then
  sed "s|/usr/bin/jos-server|$build_dir/server/jos-server|" \
    "$source_dir/packaging/jos-server.service" >"$work/jos-server.service"
  # Only complaints about this unit count (the host may lack the jos user or the network target).
  out=$(systemd-analyze verify "$work/jos-server.service" 2>&1 || true)
  if grep -i "jos-server.service:" <<<"$out" | grep -vi "user\|group"; then exit 1; fi
fi
echo "package ok: $(basename "$deb")"
