#!/usr/bin/env python3
"""Turns one run under tests/data/captures/<mode>/ (hostapd 2.10 <-> wpa_supplicant 2.10,
both with -dd -K) into a plain-text vector file for the engine replay tests.

Usage: tools/extract_interop_vectors.py CAPTURE_DIR OUT_FILE [--ap-enrollee]

The pcap gives the EAP-WSC messages (reassembled when fragmented); the -K logs give every secret
each side drew (DH private keys, nonces, secret nonces) and the keys it derived. Lines:
  <label> <value>            secrets and keys, hex
  msg <n> <sender> <op> <hex> one reassembled EAP-WSC message, sender = ap|sta
"""
import re
import struct
import sys
from pathlib import Path


def pcap_frames(path):
    data = Path(path).read_bytes()
    magic = struct.unpack('<I', data[:4])[0]
    endian = '<' if magic in (0xa1b2c3d4, 0xa1b23c4d) else '>'
    linktype = struct.unpack(endian + 'I', data[20:24])[0]
    assert linktype == 1, 'expected Ethernet captures'
    off = 24
    while off + 16 <= len(data):
        _, _, incl, _ = struct.unpack(endian + 'IIII', data[off:off + 16])
        yield data[off + 16:off + 16 + incl]
        off += 16 + incl


def wsc_messages(pcap, ap_mac):
    """Yields (sender, op, message) for every complete EAP-WSC message (fragments joined)."""
    partial = {}
    for frame in pcap_frames(pcap):
        src = frame[6:12]
        if struct.unpack('>H', frame[12:14])[0] != 0x888e:
            continue
        eapol = frame[14:]
        if eapol[1] != 0:
            continue
        eap = eapol[4:]
        code, _ident, length = eap[0], eap[1], struct.unpack('>H', eap[2:4])[0]
        if code not in (1, 2) or length < 14 or eap[4] != 254:
            continue
        op, flags = eap[12], eap[13]
        body = eap[14:length]
        if flags & 0x02:
            body = body[2:]
        sender = 'ap' if src == ap_mac else 'sta'
        if op == 6:  # WSC_FRAG_ACK
            continue
        buf = partial.get(sender, b'') + body
        if flags & 0x01:
            partial[sender] = buf
            continue
        partial[sender] = b''
        if op == 1:  # WSC_Start carries no message
            continue
        yield sender, op, buf


def log_values(path, labels):
    found = {}
    for line in Path(path).read_text(errors='replace').splitlines():
        m = re.search(r'WPS: (.+?) - hexdump\(len=\d+\): ([0-9a-f ]+)$', line)
        if not m:
            continue
        name, hexv = m.group(1), m.group(2).replace(' ', '')
        for label, want in labels.items():
            # The last value wins: in a run with several rounds (late-pin: M2D, then a full
            # registration) the secrets of the final, complete round are the useful ones.
            if name == want:
                found[label] = hexv
    return found


def main():
    cap, out = Path(sys.argv[1]), Path(sys.argv[2])
    ap_enrollee = '--ap-enrollee' in sys.argv
    ap_mac = bytes.fromhex('02000000' '0a01')
    # Which log belongs to which protocol role.
    reg_log, enr_log = ('wpa_supplicant.log', 'hostapd.log') if ap_enrollee else \
                       ('hostapd.log', 'wpa_supplicant.log')
    reg = log_values(cap / reg_log, {
        'registrar_dh_private': 'DH Private Key', 'registrar_nonce': 'Registrar Nonce',
        'r_s1': 'R-S1', 'r_s2': 'R-S2', 'dhkey': 'DHKey', 'kdk': 'KDK', 'authkey': 'AuthKey',
        'keywrapkey': 'KeyWrapKey', 'emsk': 'EMSK', 'psk1': 'PSK1', 'psk2': 'PSK2'})
    enr = log_values(cap / enr_log, {
        'enrollee_dh_private': 'DH Private Key', 'enrollee_nonce': 'Enrollee Nonce',
        'e_s1': 'E-S1', 'e_s2': 'E-S2'})
    lines = [f'# Extracted by tools/extract_interop_vectors.py from {cap.name}/ '
             '(hostapd 2.10 <-> wpa_supplicant 2.10, driver=wired, -K logs).']
    for k, v in {**enr, **reg}.items():
        lines.append(f'{k} {v}')
    for i, (sender, op, msg) in enumerate(wsc_messages(cap / 'wps.pcap', ap_mac)):
        lines.append(f'msg {i} {sender} {op} {msg.hex()}')
    out.write_text('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
