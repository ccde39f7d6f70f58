#!/usr/bin/env bash
# Installs the browser tests' one dependency (playwright-core, as package-lock.json pins it)
# unless it is there already. No browser is downloaded: the tests use Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")"
wanted=$(node -p "require('./package-lock.json').packages['node_modules/playwright-core'].version")
have=$(node -p "try { require('./node_modules/playwright-core/package.json').version } catch (e) { '' }")
if [ "$wanted" != "$have" ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
command -v "${JOS_CHROMIUM:-/usr/bin/chromium}" >/dev/null ||
  { echo "Chromium ontbreekt: tools/setup.sh test installeert het." >&2; exit 1; }
