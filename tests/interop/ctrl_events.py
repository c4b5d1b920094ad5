#!/usr/bin/env python3
"""Attach to a hostapd-style control socket and record its unsolicited events.

Usage: ctrl_events.py SOCKET OUT
Binds a client socket next to OUT, sends ATTACH, and appends every datagram the daemon sends
(e.g. "<3>WPS-PIN-NEEDED ...") to OUT as one line, exactly as received, until SIGTERM. Prints
"attached" on stdout once the daemon answered ATTACH with OK. (A helper of the interop tests.)
"""
import os
import signal
import socket
import sys

sock_path, out = sys.argv[1], sys.argv[2]
local = out + ".sock"
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(local)


def bye(*_):
    try:
        s.send(b"DETACH")
    except OSError:
        pass
    os.unlink(local)
    sys.exit(0)


signal.signal(signal.SIGTERM, bye)
s.connect(sock_path)
s.send(b"ATTACH")
reply = s.recv(4096)
if reply != b"OK\n":
    os.unlink(local)
    sys.exit("ATTACH answered %r" % reply)
print("attached", flush=True)
with open(out, "w") as f:
    while True:
        d = s.recv(65536)
        f.write(d.decode("utf-8", errors="backslashreplace").rstrip("\n") + "\n")
        f.flush()
