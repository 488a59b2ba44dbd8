#!/usr/bin/env bash
# Installs what the end-to-end tests (npm run test:e2e) need from Debian, only when it is missing:
# Chromium, and a Java runtime (11 or newer) for the W3C Nu HTML checker (vnu.jar, from the vnu-jar
# npm package). Quiet on success; on failure prints apt's output.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
  log=$(mktemp)
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -qq && apt-get install -y -qq "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
  fi
  rm -f "$log"
fi
/usr/bin/chromium --version 2>/dev/null | grep -q Chromium || { echo "e2e-setup: /usr/bin/chromium does not run" >&2; exit 1; }
java -version 2>&1 | grep -qE 'version "(1[1-9]|[2-9][0-9])' || { echo "e2e-setup: java 11 or newer does not run" >&2; exit 1; }
