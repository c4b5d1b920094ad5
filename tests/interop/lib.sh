# Shared helpers of the interop tests (sourced by tests/interop/test_*.sh; not a test itself).
# Each test makes its own namespaces and veth pair named per PID, starts the peers, captures
# with tcpdump, asserts, and removes exactly what it made (trap: kill by PID, delete its netns).
# Missing root/tools make the test FAIL with a clear message (CI runs as root): never skip.
set -u

WPSLAB=${1:?usage: $0 /path/to/wpslab}
WPSLAB=$(readlink -f "$WPSLAB")
TEST_NAME=$(basename "$0" .sh)
PIN=12345670
SSID=wpslab-interop-net
PASSPHRASE=interop-passphrase-1234
PAE=01:80:c2:00:00:03
MAC_A=02:00:00:00:0a:01
MAC_B=02:00:00:00:0b:01
ID=$$
NS_A=wlA-$ID; NS_B=wlB-$ID
IF_A=wla$ID; IF_B=wlb$ID
RUN=$(mktemp -d "/tmp/wpslab-$TEST_NAME.XXXXXX")
PCAP=$RUN/wps.pcap
PIDS=()
EXTRA_NS=()
AP_CONF_LINES=()
T_START=$(date +%s.%N)

log() { printf '[%s] %s: %s\n' "$(date +%T.%3N)" "$TEST_NAME" "$*"; }
fail() {
    log "FAIL: $*"
    for f in "$RUN"/*.log; do [ -f "$f" ] && { echo "---- $f (tail)"; tail -25 "$f"; }; done
    exit 1
}
pass() { log "PASS ($(printf '%.1f' "$(echo "$(date +%s.%N) - $T_START" | bc)") s)"; exit 0; }

cleanup() {
    local p ns
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
    for p in "${PIDS[@]}"; do
        for _ in $(seq 30); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$p" 2>/dev/null
    done
    for ns in "$NS_A" "$NS_B" "${EXTRA_NS[@]}"; do ip netns del "$ns" 2>/dev/null; done
    if [ "${KEEP:-0}" = 1 ]; then echo "run dir kept: $RUN"; else rm -rf "$RUN"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ "$(id -u)" = 0 ] || fail "must run as root (network namespaces, veth, AF_PACKET)"
for t in ip tcpdump tshark hostapd hostapd_cli wpa_supplicant wpa_cli xxd bc python3; do
    command -v $t >/dev/null || fail "missing tool '$t' (tools/install-deps.sh installs it)"
done
[ -x "$WPSLAB" ] || fail "wpslab binary '$WPSLAB' not found"

wait_for() {  # file regex [timeout_s]
    local f=$1 re=$2 t=${3:-20} i
    for ((i = 0; i < t * 20; i++)); do
        grep -Eq -- "$re" "$f" 2>/dev/null && return 0
        sleep 0.05
    done
    return 1
}
wait_exit() {  # pid timeout_s -> sets RC
    local p=$1 t=$2 i
    for ((i = 0; i < t * 20; i++)); do
        kill -0 "$p" 2>/dev/null || { wait "$p"; RC=$?; return 0; }
        sleep 0.05
    done
    RC=124; return 1
}

# Two namespaces joined by one veth pair: A (AP side) and B (station side).
setup_link() {
    ip netns add "$NS_A" && ip netns add "$NS_B" || fail "cannot create network namespaces"
    ip link add "$IF_A" type veth peer name "$IF_B" || fail "cannot create veth pair"
    ip link set "$IF_A" netns "$NS_A"; ip link set "$IF_B" netns "$NS_B"
    ip -n "$NS_A" link set "$IF_A" address $MAC_A
    ip -n "$NS_B" link set "$IF_B" address $MAC_B
    ip -n "$NS_A" link set lo up; ip -n "$NS_B" link set lo up
    ip -n "$NS_A" link set "$IF_A" up; ip -n "$NS_B" link set "$IF_B" up
}

start_capture() {  # on the AP side
    ip netns exec "$NS_A" tcpdump -i "${1:-$IF_A}" --immediate-mode -U -n -w "$PCAP" \
        'ether proto 0x888e' 2> "$RUN/tcpdump.log" &
    PIDS+=($!); TCPDUMP_PID=$!
    wait_for "$RUN/tcpdump.log" 'listening on' 5 || fail "tcpdump did not start"
}
stop_capture() {
    sleep 0.2
    kill -INT "$TCPDUMP_PID" 2>/dev/null
    wait "$TCPDUMP_PID" 2>/dev/null
}

# The hostapd.conf both hostapd and `wpslab ap -c` read (extra lines appended).
write_ap_conf() {  # file iface [extra lines...]
    local f=$1 ifc=$2; shift 2
    cat > "$f" <<CONF
interface=$ifc
driver=wired
ctrl_interface=$RUN/hostapd
ctrl_interface_group=0
logger_stdout=-1
logger_stdout_level=0
ieee8021x=1
eapol_version=2
eap_server=1
ssid=$SSID
wpa=2
wpa_key_mgmt=WPA-PSK
rsn_pairwise=CCMP
wpa_passphrase=$PASSPHRASE
wps_state=2
ap_setup_locked=1
uuid=12345678-9abc-def0-1234-56789abcdef0
device_name=InteropAP
manufacturer=TestVendor
model_name=TestAP
model_number=1
serial_number=0001
device_type=6-0050F204-1
os_version=01020300
config_methods=label virtual_display virtual_push_button keypad
CONF
    local l; for l in "$@"; do
        if grep -q "^${l%%=*}=" "$f"; then sed -i "s|^${l%%=*}=.*|$l|" "$f"; else echo "$l" >> "$f"; fi
    done
}

HLOG=$RUN/hostapd.log
start_hostapd() {  # [extra conf lines...]
    write_ap_conf "$RUN/hostapd.conf" "$IF_A" "$@"
    ip netns exec "$NS_A" hostapd -dd -t -K "$RUN/hostapd.conf" > "$HLOG" 2>&1 &
    PIDS+=($!)
    wait_for "$HLOG" 'AP-ENABLED' 10 || fail "hostapd did not start"
    for _ in $(seq 50); do [ -S "$RUN/hostapd/$IF_A" ] && break; sleep 0.1; done
}
hcli() { ip netns exec "$NS_A" hostapd_cli -p "$RUN/hostapd" -i "$IF_A" "$@"; }

SLOG=$RUN/wpa_supplicant.log
start_wpas() {
    cat > "$RUN/wpas.conf" <<CONF
ctrl_interface=$RUN/wpas
ap_scan=0
eapol_version=2
update_config=0
wps_cred_processing=2
uuid=12345678-9abc-def0-1234-56789abcde01
device_name=InteropSTA
manufacturer=TestVendor
model_name=TestSTA
model_number=1
serial_number=0002
device_type=1-0050F204-1
os_version=01020300
config_methods=virtual_display keypad
CONF
    ip netns exec "$NS_B" wpa_supplicant -dd -t -K -D wired -i "$IF_B" -c "$RUN/wpas.conf" > "$SLOG" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 100); do [ -S "$RUN/wpas/$IF_B" ] && break; sleep 0.1; done
    [ -S "$RUN/wpas/$IF_B" ] || fail "wpa_supplicant did not start"
}
wcli() { ip netns exec "$NS_B" wpa_cli -p "$RUN/wpas" -i "$IF_B" "$@"; }

# Credential wpa_supplicant received (wps_cred_processing=2: WPS-CRED-RECEIVED <hex>).
wpas_cred() {
    local hex i typ len val
    CRED_SSID=''; CRED_KEY=''
    hex=$(grep -o 'WPS-CRED-RECEIVED [0-9a-f]*' "$SLOG" | tail -1 | cut -d' ' -f2)
    [ -n "$hex" ] || return 1
    [ "${hex:0:4}" = 100e ] && hex=${hex:8}
    i=0
    while [ $i -lt ${#hex} ]; do
        typ=${hex:$i:4}; len=$((16#${hex:$((i + 4)):4})); val=${hex:$((i + 8)):$((len * 2))}
        case $typ in
            1045) CRED_SSID=$(echo "$val" | xxd -r -p) ;;
            1027) CRED_KEY=$(echo "$val" | xxd -r -p) ;;
        esac
        i=$((i + 8 + len * 2))
    done
}

ALOG=$RUN/ap.log
start_wpslab_ap() {  # [wpslab ap options...]; control input through fd 7 (a FIFO)
    # AP_CONF_LINES (array, optional): extra hostapd.conf lines, as start_hostapd takes them.
    write_ap_conf "$RUN/ap.conf" "$IF_A" "${AP_CONF_LINES[@]}"
    mkfifo "$RUN/ap.ctl"; exec 7<>"$RUN/ap.ctl"
    ip netns exec "$NS_A" "$WPSLAB" ap -c "$RUN/ap.conf" --json --keylog "$RUN/ap.keylog" \
        --pcap "$RUN/ap.pcap" "$@" <&7 > "$ALOG" 2>&1 &
    AP_PID=$!; PIDS+=($AP_PID)
    wait_for "$ALOG" '"event":"ready"' 5 || fail "wpslab ap did not start"
}
ap_cmd() { echo "$*" >&7; }
ap_hcli() {  # hostapd_cli command... against wpslab ap (waits for its control socket); must answer OK
    local r
    for _ in $(seq 50); do [ -S "$RUN/hostapd/$IF_A" ] && break; sleep 0.1; done
    r=$(hcli "$@"); log "hostapd_cli $* -> $r"
    [ "$r" = OK ] || fail "hostapd_cli $*: $r"
}

STA_LOG=$RUN/sta.log
start_wpslab_sta() {  # [wpslab sta options...]
    ip netns exec "$NS_B" "$WPSLAB" sta --iface "$IF_B" --json --keylog "$RUN/sta.keylog" "$@" \
        > "$STA_LOG" 2>&1 &
    STA_PID=$!; PIDS+=($STA_PID)
}
json_field() {  # file event field -> value of the last such event
    python3 - "$1" "$2" "$3" <<'PY'
import json, sys
val = None
for line in open(sys.argv[1], errors="replace"):
    try: j = json.loads(line)
    except ValueError: continue
    if j.get("event") == sys.argv[2] and sys.argv[3] in j: val = j[sys.argv[3]]
print("" if val is None else val)
PY
}
count_event() { grep -c "\"event\":\"$2\"" "$1"; }

# WSC message types in capture order (one per EAP packet that carries the attribute).
msg_types() { tshark -r "$PCAP" -Y wps.message_type -T fields -e wps.message_type 2>/dev/null | tr '\n' ' '; }
nack18_count() { tshark -r "$PCAP" -Y 'wps.message_type == 0x0e && wps.configuration_error == 18' 2>/dev/null | wc -l; }
has_seq() {  # "types" "expected subsequence"
    python3 - "$1" "$2" <<'PY'
import sys
got = [int(x, 16) for x in sys.argv[1].split()]
want = [int(x, 16) for x in sys.argv[2].split()]
i = 0
for g in got:
    if i < len(want) and g == want[i]: i += 1
sys.exit(0 if i == len(want) else 1)
PY
}
has_type() { case " $1 " in *" $2 "*) return 0 ;; esac; return 1; }
