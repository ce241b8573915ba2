#!/usr/bin/env bash
# Browser tests need Debian's Chromium and axe-core (from npm). Install them when missing;
# never let a tool download a browser of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is not installed (apt-get install chromium); browser tests will be skipped." >&2
  fi
fi
if [ ! -f tests/browser/node_modules/axe-core/axe.min.js ]; then
  if command -v npm >/dev/null; then
    npm ci --prefix tests/browser --no-audit --no-fund --silent
  else
    echo "npm is not installed; accessibility checks will be skipped." >&2
  fi
fi
