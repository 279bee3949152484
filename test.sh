#!/usr/bin/env bash
# The project's test command. On a bare Debian machine with only the .NET SDK it installs what the tests drive
# (Debian packages, the real OpenClaw from npm into .cache/openclaw), builds, runs every test project and closes
# with the plain line "N passed, N failed". A test whose real dependency is missing FAILS; only with
# CREDWATCH_TEST_ALLOW_SKIPS=1 (a quick offline run) is it skipped, and then listed and counted as skipped.
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Stores").
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DEBIAN_FRONTEND=noninteractive
allow_skips="${CREDWATCH_TEST_ALLOW_SKIPS:-}"
started=$SECONDS

# One line naming what failed and how to do it by hand; fatal unless skips are allowed.
problem() {
  if [ -n "$allow_skips" ]; then echo "test.sh: $1 (CREDWATCH_TEST_ALLOW_SKIPS is set: the tests that need it are skipped)" >&2; return; fi
  echo "test.sh: $1" >&2; echo "0 passed, 1 failed"; exit 1
}

# Executables the tests run, each with the Debian package that brings it.
missing=""
for pair in promtool:prometheus prometheus:prometheus amtool:prometheus-alertmanager \
            prometheus-alertmanager:prometheus-alertmanager prometheus-pushgateway:prometheus-pushgateway \
            sqlite3:sqlite3 python3:python3 npm:npm systemd-analyze:systemd \
            chromium-headless-shell:chromium-headless-shell; do
  command -v "${pair%%:*}" >/dev/null || case " $missing " in *" ${pair#*:} "*) ;; *) missing="$missing ${pair#*:}" ;; esac
done
if [ -n "$missing" ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo -n"
  echo "test.sh: installing Debian packages:$missing" >&2
  if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends ca-certificates $missing >/dev/null; }; then
    problem "installing Debian packages failed:$missing; by hand: sudo apt-get update && sudo apt-get install -y$missing"
  fi
fi

# The real OpenClaw 2026.9.6 (Node from npm too); install-openclaw.sh keeps an install that reports the right version.
export CREDWATCH_OPENCLAW_DIR="${CREDWATCH_OPENCLAW_DIR:-$PWD/.cache/openclaw}"
if command -v npm >/dev/null; then
  bash scripts/install-openclaw.sh "$CREDWATCH_OPENCLAW_DIR" >&2 \
    || problem "installing OpenClaw 2026.9.6 from npm failed; by hand: bash scripts/install-openclaw.sh $CREDWATCH_OPENCLAW_DIR"
else
  problem "npm is missing, so OpenClaw 2026.9.6 cannot be installed; by hand: sudo apt-get install -y npm"
fi
command -v python3 >/dev/null || { echo "test.sh: python3 is needed to count the results; by hand: sudo apt-get install -y python3" >&2; echo "0 passed, 1 failed"; exit 1; }

results="${CREDWATCH_TEST_RESULTS:-$PWD/TestResults}"
rm -rf "$results"; mkdir -p "$results"
dotnet build CredWatch.sln -c Release -nologo -v q || { echo "test.sh: the build failed" >&2; echo "0 passed, 1 failed"; exit 1; }
# The test projects run side by side (their tests mostly wait on real processes), each writing its own TRX.
projects=$(find tests -name '*.Tests.csproj' -printf '%f\n' | sed 's/\.csproj$//' | sort | tr '\n' ' ')
pids=""
for project in $projects; do
  dotnet test "tests/$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$project.trx" --results-directory "$results" \
    --logger "console;verbosity=normal" "$@" &
  pids="$pids $!"
done
rc=0
for pid in $pids; do wait "$pid" || rc=$?; done

python3 scripts/count-test-results.py "$results" "$rc" "$((SECONDS - started))" "$allow_skips" $projects
