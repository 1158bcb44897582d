#!/usr/bin/env bash
# The browser tests need a Chromium: Debian's where Playwright cannot download browsers (these
# machines), or Playwright's own (GitHub's runners: `python -m playwright install --with-deps chromium`).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if compgen -G "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}/chromium*" >/dev/null; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "No Chromium: run 'sudo apt-get install -y chromium' (Debian) or" \
    "'.venv/bin/python -m playwright install --with-deps chromium', then make test again." >&2
  exit 1
fi
echo "Installing Debian's Chromium for the browser tests..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version
