#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests, only when it is not there yet.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

apt-get update
apt-get install -y chromium
