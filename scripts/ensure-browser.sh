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
# The Isomer originals (../shared/isomer-reference) ask a font service for Lato, which is not
# reachable here: the likeness checks need it installed, or the originals render in a fallback
# serif and every comparison is off. (This project serves its own copy of Lato.)
if [ ! -d /usr/share/fonts/truetype/lato ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's fonts-lato (for the Isomer originals)..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-lato >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-lato >/dev/null; }
  else
    echo "fonts-lato is not installed; the Isomer originals will render in a fallback font." >&2
  fi
fi
if [ ! -f tests/browser/node_modules/axe-core/axe.min.js ]; then
  if command -v npm >/dev/null; then
    npm ci --prefix tests/browser --no-audit --no-fund --silent
  else
    echo "npm is not installed; accessibility checks will be skipped." >&2
  fi
fi
