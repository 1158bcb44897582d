#!/usr/bin/env bash
# Browser tests drive Debian's Chromium: Playwright's own browser download cannot work here.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "Chromium is missing: run 'sudo apt-get install -y chromium' (Debian), then make test again." >&2
  exit 1
fi
echo "Installing Debian's Chromium for the browser tests..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version
