#!/usr/bin/env bash
# Installs Debian's Chromium for the end-to-end tests (npm run test:e2e), only when it is missing.
# Quiet on success; on failure prints apt's output.
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  log=$(mktemp)
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -qq && apt-get install -y -qq chromium; } >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
  fi
  rm -f "$log"
fi
/usr/bin/chromium --version 2>/dev/null | grep -q Chromium || { echo "e2e-setup: /usr/bin/chromium does not run" >&2; exit 1; }
