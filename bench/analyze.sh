#!/usr/bin/env bash
# Benchmark: `wpslab analyze --format json` against `tshark -r FILE -Y eapol -T fields -e eapol.type`
# on a synthesized radiotap capture of at least 1 GiB. Prints both wall times, the ratio and both
# peak memories (/usr/bin/time -v "Maximum resident set size").
#
# The capture (written by the Python below) repeats, per station, the frames of
# tests/fixtures/analyzer/air-pin.pcap — beacons, probe, authentication, association, the WPS
# exchange M1..M8, deauthentication, round 2, the 4-way handshake — with the station's MAC
# rewritten (a new station each time), followed by CCMP-protected data frames of 1500 octets and
# a beacon every 100 data frames. The EAPOL share is small, as in a real capture.
#
# Usage: bench/analyze.sh WPSLAB [SIZE_MIB=1100] [DIR=/tmp]
#   KEEP=1 keeps the capture; DATA_PER_STA=N data frames after each station's run (default
#   5000; a small N gives many stations, e.g. to check the memory bound with the session limit);
#   STATIONS=K reuses K station MACs in turn (the same stations repeating their exchanges for
#   hours: every session collects many attempts), e.g. STATIONS=4 DATA_PER_STA=20.
#   Run from the repository root.
set -euo pipefail
W=${1:?usage: bench/analyze.sh path/to/wpslab [size-MiB] [dir]}
SIZE_MIB=${2:-1100}
DIR=${3:-${TMPDIR:-/tmp}}
CAP="$DIR/wpslab-bench-analyze-$$.pcap"
cleanup() { [[ "${KEEP:-0}" == 1 ]] || rm -f "$CAP"; rm -f "$DIR/wpslab-bench-$$".{w,t}.{out,time}; }
trap cleanup EXIT

python3 - "$CAP" "$SIZE_MIB" tests/fixtures/analyzer/air-pin.pcap "${DATA_PER_STA:-5000}" "${STATIONS:-0}" <<'EOF'
import struct, sys
out_path, size_mib, template, per_sta = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
stations = int(sys.argv[5])
b = open(template, 'rb').read()
assert b[:4] == b'\xd4\xc3\xb2\xa1', 'expects a little-endian microsecond pcap'
linktype = struct.unpack('<I', b[20:24])[0]
frames, pos = [], 24
while pos + 16 <= len(b):
    _, _, cap, _ = struct.unpack('<IIII', b[pos:pos + 16]); pos += 16
    frames.append(b[pos:pos + cap]); pos += cap
sta = bytes.fromhex('02000000 0b01')
def rt_len(f): return struct.unpack('<H', f[2:4])[0]
def with_sta(f, new):  # rewrite the station's MAC in the 802.11 header only
    n = rt_len(f) + 30
    return f[:n].replace(sta, new) + f[n:]
beacon = frames[0]
data_tpl = frames[32]                 # a CCMP data frame STA -> AP
hl = rt_len(data_tpl) + 24 + 8        # radiotap + MAC header + CCMP header
big = data_tpl[:hl] + bytes((i * 7) & 0xff for i in range(1500 - 24 - 8))
target = size_mib * 1024 * 1024
with open(out_path, 'wb') as o:
    o.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, linktype))
    written, t_us, n_sta = 24, 1_700_000_000 * 1_000_000, 0
    def rec(f):
        global written, t_us
        t_us += 150
        o.write(struct.pack('<IIII', t_us // 1_000_000, t_us % 1_000_000, len(f), len(f)))
        o.write(f)
        written += 16 + len(f)
    while written < target:
        n_sta += 1
        k = (n_sta - 1) % stations + 1 if stations else n_sta
        mac = bytes([0x02, 0x10, (k >> 16) & 0xff, (k >> 8) & 0xff, k & 0xff, 0x01])
        for f in frames:
            rec(with_sta(f, mac))
        data = with_sta(big, mac)
        for i in range(per_sta):
            rec(beacon if i % 100 == 0 else data)
    print(f'capture: {written / 2**20:.0f} MiB, {n_sta} stations', file=sys.stderr)
EOF

measure() {  # name, output file, command...
  local name=$1 out=$2; shift 2
  /usr/bin/time -v -o "$DIR/wpslab-bench-$$.$name.time" "$@" >"$out"
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$DIR/wpslab-bench-$$.$name.time")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$DIR/wpslab-bench-$$.$name.time")
  # m:ss.cc or h:mm:ss -> seconds
  python3 -c "import sys; p=[float(x) for x in sys.argv[1].split(':')]; print(sum(v*60**i for i,v in enumerate(reversed(p))), sys.argv[2])" "$wall" "$rss"
}
echo "wpslab analyze ..."
read -r w_s w_kb < <(measure w "$DIR/wpslab-bench-$$.w.out" "$W" analyze "$CAP" --format json)
echo "tshark ..."
read -r t_s t_kb < <(measure t "$DIR/wpslab-bench-$$.t.out" tshark -r "$CAP" -Y eapol -T fields -e eapol.type)
sessions=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['sessions']))" "$DIR/wpslab-bench-$$.w.out")
eapol=$(wc -l <"$DIR/wpslab-bench-$$.t.out")
python3 - "$w_s" "$w_kb" "$t_s" "$t_kb" "$sessions" "$eapol" "$(stat -c %s "$CAP")" <<'EOF'
import sys
w_s, w_kb, t_s, t_kb = float(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
size = int(sys.argv[7])
print(f"capture            {size / 2**30:.2f} GiB")
print(f"wpslab analyze     {w_s:8.2f} s  {size / 2**20 / max(w_s, 1e-9):8.0f} MiB/s  peak RSS {w_kb / 1024:7.1f} MiB  ({sys.argv[5]} sessions)")
print(f"tshark -Y eapol    {t_s:8.2f} s  {size / 2**20 / max(t_s, 1e-9):8.0f} MiB/s  peak RSS {t_kb / 1024:7.1f} MiB  ({sys.argv[6]} EAPOL frames)")
print(f"speed ratio        {t_s / max(w_s, 1e-9):8.1f} x  (goal >= 20)")
print(f"wpslab peak memory {'OK' if w_kb <= 64 * 1024 else 'OVER'} (goal <= 64 MiB)")
EOF
