#!/usr/bin/env bash
# Run before `npm test` (npm's pretest): the page tests need Debian's Chromium and the DynamoDB Local suite
# needs Java. Installs whichever is missing when it can (root with apt-get, as on CI and fresh machines);
# otherwise says so, and those tests fail with a message rather than pass silently.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${need[*]} for the tests (apt-get)..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "WARNING: ${need[*]} missing and not installable here (needs root and apt-get): the tests that need them will fail and say so." >&2
fi
