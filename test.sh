#!/usr/bin/env bash
# The project's test command (README): builds, runs every test project, prints "N passed, N failed".
# Tests that need real servers (prometheus, promtool, pushgateway, alertmanager, openclaw) find them
# through PATH / CREDWATCH_OPENCLAW_DIR; .ci/run installs them on a bare machine.
set -uo pipefail
cd "$(dirname "$0")"
results="${CREDWATCH_TEST_RESULTS:-$PWD/TestResults}"
rm -rf "$results"; mkdir -p "$results"
dotnet build CredWatch.sln -c Release -nologo -v q "$@" || { echo "0 passed, 1 failed"; exit 1; }
rc=0
dotnet test CredWatch.sln -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" \
  --logger "console;verbosity=normal" "$@" || rc=$?
python3 - "$results" <<'PY' || exit 1
import sys, glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
p = f = s = 0
files = glob.glob(sys.argv[1] + "/*.trx")
for fn in files:
    c = ET.parse(fn).getroot().find("t:ResultSummary/t:Counters", ns)
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    s += int(c.get("notExecuted", 0))
if not files: f = 1
print(f"{p} passed, {f} failed" + (f", {s} skipped" if s else ""))
sys.exit(1 if f else 0)
PY
exit $rc
