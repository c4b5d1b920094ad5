#!/usr/bin/env bash
# Golden tests: `wpslab analyze` on the sniffer log of every `wpslab run` scenario must name the
# right outcome and failure point; with the run's key log it must decrypt the credential, and
# with the passphrase verify (or refute) the 4-way MICs.
set -euo pipefail
WPSLAB=$(readlink -f "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }

check() {  # scenario python-assertion
  local s=$1 expr=$2
  "$WPSLAB" run "$s" --pcap "$s.pcap" --keylog "$s.keys" --diagram none >/dev/null || true
  "$WPSLAB" analyze "$s.pcap" --format json --passphrase wpslab-passphrase --keylog "$s.keys" \
    > "$s.json" || fail "$s: analyze exited $?"
  python3 - "$s.json" "$expr" <<'PY' || fail "$s: $(head -c 600 "$s.json")"
import json, sys
j = json.load(open(sys.argv[1]))
assert len(j["sessions"]) == 1, len(j["sessions"])
s = j["sessions"][0]
a = s["attempts"]
creds = s.get("credentials") or []
assert eval(sys.argv[2]), sys.argv[2]
PY
}

check sta-pin 's["outcome"] == "connected" and s["keys_found"] and creds[0]["network_key"] == "wpslab-passphrase" and len(a) == 1'
check late-pin 's["outcome"] == "connected" and len(a) == 2 and a[0]["outcome"] == "no-pin" and a[1]["outcome"] == "wps-succeeded"'
check wrong-pin 's["outcome"] == "wrong-pin-first-half" and a[-1]["config_error"] == 18 and a[-1]["failed_after"] == "M4" and not creds'
check wrong-pin2 's["outcome"] == "wrong-pin-second-half" and a[-1]["config_error"] == 18 and a[-1]["failed_after"] == "M6" and not creds'
check stale-credential 's["outcome"] == "four-way-failed"'
echo "analyze_scenarios: all checks passed"
