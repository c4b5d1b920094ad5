#!/usr/bin/env python3
"""Robustness injector for test_multi_robust.sh (not a test itself): sends malformed and
unexpected EAPOL frames to the AP from spoofed MACs on IFACE, and plays a peer that sends an
oversized EAP-WSC fragment header. Usage: inject.py IFACE AP_MAC"""
import socket, struct, sys, time

iface, ap = sys.argv[1], bytes.fromhex(sys.argv[2].replace(":", ""))
PAE = bytes.fromhex("0180c2000003")
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x888E))
s.bind((iface, 0))
s.settimeout(2.0)

def mac(n): return bytes.fromhex("020000000e0%d" % n)
def eth(dst, src, payload): return dst + src + b"\x88\x8e" + payload
def send(dst, src, payload): s.send(eth(dst, src, payload))

send(ap, mac(1), b"\x02")                                   # truncated EAPOL
send(ap, mac(1), b"\x09\x00\x00\x00")                       # bad EAPOL version
send(ap, mac(1), b"\x02\x00\x00\x05\x02\x01\x00\x05\x01")   # EAP-Response without a session
send(bytes.fromhex("021111111111"), mac(1), b"\x02\x01\x00\x00")  # not addressed to the AP
send(PAE, mac(2), b"\x02\x01\x00\x00")                      # EAPOL-Start, then silence

def recv_for(dst, timeout=3.0):
    end = time.time() + timeout
    while time.time() < end:
        try:
            f = s.recv(2048)
        except socket.timeout:
            return None
        if f[0:6] == dst and f[6:12] == ap:
            return f[14:]
    return None

send(PAE, mac(3), b"\x02\x01\x00\x00")                      # oversized fragment peer
req = recv_for(mac(3))
assert req and req[4] == 1 and req[8] == 1, "no Identity request"
ident = b"WFA-SimpleConfig-Enrollee-1-0"
eap = struct.pack("!BBHB", 2, req[5], 5 + len(ident), 1) + ident
send(PAE, mac(3), struct.pack("!BBH", 2, 0, len(eap)) + eap)
req = recv_for(mac(3))
assert req and req[4] == 1 and req[16] == 1, "no WSC_Start"
# WSC_MSG, flags MF|LF, Message Length 60000 (> the 50000 reassembly limit), 10 octets of data
body = b"\x04\x03" + struct.pack("!H", 60000) + b"\x10\x4a\x00\x01\x10" + b"\x00" * 5
eap = struct.pack("!BBHB", 2, req[5], 5 + 7 + len(body), 254) + b"\x00\x37\x2a\x00\x00\x00\x01" + body
send(PAE, mac(3), struct.pack("!BBH", 2, 0, len(eap)) + eap)
f = recv_for(mac(3))
print("after oversized fragment: code", f[4] if f else None)
