#!/usr/bin/env python3
"""Builds the analyzer's regression captures in this folder (see README.md).

Written independently of wpslab's C++ code (Python hashlib/hmac for PBKDF2, the 802.11 PRF and
the MICs; `cryptography` for the AES key wrap of message 3's Key Data), so that a test comparing
`wpslab analyze` with aircrack-ng on these files checks our crypto against a second, separate
construction. Every nonce, address and timestamp is fixed: running it again gives the same bytes.

    python3 tests/data/analyzer/make_captures.py     # rewrites the *.pcap files beside it

Sources of the constructions: IEEE 802.11-2020 §12.7.1.2 (PRF), §12.7.1.3 (PTK), §12.7.2
(EAPOL-Key frames, MIC: key descriptor version 1 = HMAC-MD5, 2 = HMAC-SHA1-128), §12.7.1.3 /
§12.7.2 (PMKID = HMAC-SHA1-128(PMK, "PMK Name" || AA || SPA), PMKID KDE 00-0F-AC:4), Annex J.4
(PBKDF2 passphrase mapping); the WPA1 (descriptor 254) frame layout is the same as RSN's.
"""
import hashlib
import hmac
import os
import struct
import sys

from cryptography.hazmat.primitives.keywrap import aes_key_wrap

HERE = os.path.dirname(os.path.abspath(__file__))

T0 = 1_750_000_000  # 2025-06-15, fixed


def mac(s):
    return bytes(int(x, 16) for x in s.split(":"))


# --------------------------------------------------------------------------------------------
# pcap writing with the link-layer headers under test


class Pcap:
    def __init__(self, linktype):
        self.linktype = linktype
        self.records = []
        self.t = 0  # microseconds since T0

    def add(self, frame, step_us=2000):
        self.records.append((self.t, frame))
        self.t += step_us

    def wait(self, us):
        self.t += us

    def write(self, name):
        out = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, self.linktype)
        for i, (t, f) in enumerate(self.records):
            pkt = radio_header(self.linktype, f, t, i)
            sec, usec = T0 + t // 1_000_000, t % 1_000_000
            out += struct.pack("<IIII", sec, usec, len(pkt), len(pkt)) + pkt
        with open(os.path.join(HERE, name), "wb") as fh:
            fh.write(out)
        print("wrote", name, len(self.records), "frames")


CHANNEL, FREQ = 6, 2437


def radio_header(linktype, frame, t_us, index):
    if linktype == 105:  # LINKTYPE_IEEE802_11
        return frame
    if linktype == 127:  # radiotap: flags, rate, channel, antenna signal
        present = (1 << 1) | (1 << 2) | (1 << 3) | (1 << 5)
        body = struct.pack("<BBHHb", 0, 2, FREQ, 0x00A0, -40)
        hdr = struct.pack("<BBHI", 0, 0, 8 + len(body), present) + body
        return hdr + frame
    if linktype == 119:  # LINKTYPE_PRISM_HEADER (wlan-ng), host (little) endian
        items = [  # did, status, len, data
            (0x00010044, 0, 4, t_us & 0xFFFFFFFF),  # hosttime
            (0x00020044, 0, 4, t_us & 0xFFFFFFFF),  # mactime
            (0x00030044, 0, 4, CHANNEL),            # channel
            (0x00040044, 0, 4, 60),                 # rssi
            (0x00050044, 1, 4, 0),                  # sq (absent)
            (0x00060044, 0, 4, -38 & 0xFFFFFFFF),   # signal (dBm)
            (0x00070044, 0, 4, -95 & 0xFFFFFFFF),   # noise (dBm)
            (0x00080044, 0, 4, 2),                  # rate (500 kb/s units)
            (0x00090044, 0, 4, 0),                  # istx
            (0x000A0044, 0, 4, len(frame)),         # frmlen
        ]
        hdr = struct.pack("<II16s", 0x00000044, 144, b"wlan0")
        for did, status, ln, data in items:
            hdr += struct.pack("<IHHI", did, status, ln, data)
        assert len(hdr) == 144
        return hdr + frame
    if linktype == 163:  # LINKTYPE_IEEE802_11_AVS, AVS WLAN Capture header v1, big endian
        hdr = struct.pack(
            ">IIQQIIIIIIiiII",
            0x80211001, 64,       # version, length
            t_us, t_us,           # mactime, hosttime
            4,                    # phytype: 4 = DSSS (802.11b/g 2.4 GHz)
            CHANNEL,              # channel
            20,                   # datarate, 100 kb/s units (2 Mb/s)
            0, 0,                 # antenna, priority
            2,                    # ssi_type 2 = dBm
            -41, -95,             # ssi_signal, ssi_noise
            0, 1)                 # preamble, encoding (1 = CCK)
        assert len(hdr) == 64
        return hdr + frame
    raise ValueError(linktype)


# --------------------------------------------------------------------------------------------
# 802.11 frames


class Link:
    """One AP and one station; sequence numbers per sender."""

    def __init__(self, ap, sta):
        self.ap, self.sta = mac(ap), mac(sta)
        self.seq = {}

    def _seq(self, who):
        n = self.seq.get(who, 0)
        self.seq[who] = (n + 1) % 4096
        return struct.pack("<H", n << 4)

    def mgmt(self, subtype, from_ap, body, da=None):
        fc = struct.pack("<BB", subtype << 4, 0)
        src = self.ap if from_ap else self.sta
        if da is None:
            da = self.sta if from_ap else self.ap
        return fc + b"\x3a\x01" + da + src + self.ap + self._seq(src) + body

    def beacon(self, ssid, security_ie, wps_ie=b""):
        body = struct.pack("<QHH", 0, 100, 0x0411)  # ESS, privacy, short slot
        body += ie(0, ssid) + ie(1, bytes([0x82, 0x84, 0x8B, 0x96, 0x0C, 0x12, 0x18, 0x24]))
        body += ie(3, bytes([CHANNEL])) + security_ie + wps_ie
        return self.mgmt(8, True, body, da=b"\xff" * 6)

    def auth(self, from_ap, seq):
        return self.mgmt(11, from_ap, struct.pack("<HHH", 0, seq, 0))

    def assoc_req(self, ssid, security_ie):
        body = struct.pack("<HH", 0x0411, 10) + ie(0, ssid)
        body += ie(1, bytes([0x82, 0x84, 0x8B, 0x96])) + security_ie
        return self.mgmt(0, False, body)

    def assoc_resp(self, aid=1):
        body = struct.pack("<HHH", 0x0411, 0, 0xC000 | aid) + ie(1, bytes([0x82, 0x84, 0x8B, 0x96]))
        return self.mgmt(1, True, body)

    def deauth(self, from_ap, reason):
        return self.mgmt(12, from_ap, struct.pack("<H", reason))

    def eapol(self, from_sta, payload):
        llc = b"\xaa\xaa\x03\x00\x00\x00\x88\x8e" + payload
        if from_sta:  # ToDS: A1 = BSSID, A2 = SA, A3 = DA
            fc = struct.pack("<BB", 0x08, 0x01)
            hdr = fc + b"\x3a\x01" + self.ap + self.sta + self.ap + self._seq(self.sta)
        else:  # FromDS: A1 = DA, A2 = BSSID, A3 = SA
            fc = struct.pack("<BB", 0x08, 0x02)
            hdr = fc + b"\x3a\x01" + self.sta + self.ap + self.ap + self._seq(self.ap)
        return hdr + llc


def ie(eid, data):
    return bytes([eid, len(data)]) + data


RSN_IE = ie(48, bytes.fromhex("0100" "000fac04" "0100" "000fac04" "0100" "000fac02" "0000"))
WPA_IE = ie(221, bytes.fromhex("0050f201" "0100" "0050f202" "0100" "0050f202" "0100" "0050f202"))

# --------------------------------------------------------------------------------------------
# WPA keys and EAPOL-Key frames


def pmk_of(passphrase, ssid):
    return hashlib.pbkdf2_hmac("sha1", passphrase.encode(), ssid, 4096, 32)


def prf(key, label, data, nbytes):
    out, i = b"", 0
    while len(out) < nbytes:
        out += hmac.new(key, label + b"\x00" + data + bytes([i]), hashlib.sha1).digest()
        i += 1
    return out[:nbytes]


def ptk_of(pmk, aa, spa, anonce, snonce, nbytes):
    data = min(aa, spa) + max(aa, spa) + min(anonce, snonce) + max(anonce, snonce)
    return prf(pmk, b"Pairwise key expansion", data, nbytes)


def pmkid_of(pmk, aa, spa):
    return hmac.new(pmk, b"PMK Name" + aa + spa, hashlib.sha1).digest()[:16]


def eapol_key(descriptor, key_info, key_length, replay, nonce, key_data=b"", iv=b"\x00" * 16,
              rsc=b"\x00" * 8):
    body = struct.pack(">BHHQ", descriptor, key_info, key_length, replay) + nonce + iv + rsc
    body += b"\x00" * 8 + b"\x00" * 16 + struct.pack(">H", len(key_data)) + key_data
    return struct.pack(">BBH", 1, 3, len(body)) + body


def with_mic(frame, kck, version):
    if version == 1:
        mic = hmac.new(kck, frame, hashlib.md5).digest()
    else:
        mic = hmac.new(kck, frame, hashlib.sha1).digest()[:16]
    return frame[:81] + mic + frame[97:]


def nonce(byte0):
    return bytes((byte0 + i) & 0xFF for i in range(32))


class Handshake:
    """The four messages of one 4-way handshake (WPA2/CCMP or WPA1/TKIP)."""

    def __init__(self, link, pmk, anonce, snonce, wpa1=False, replay=1, pmkid=False,
                 snonce_in_m4=False):
        self.link, self.wpa1, self.replay = link, wpa1, replay
        self.anonce, self.snonce = anonce, snonce
        self.version = 1 if wpa1 else 2
        self.desc = 254 if wpa1 else 2
        ptk = ptk_of(pmk, link.ap, link.sta, anonce, snonce, 64 if wpa1 else 48)
        self.kck, self.kek = ptk[:16], ptk[16:32]
        self.pmkid = pmkid_of(pmk, link.ap, link.sta) if pmkid else None
        self.snonce_in_m4 = snonce_in_m4

    def m1(self):
        kd = b"" if self.pmkid is None else ie(221, bytes.fromhex("000fac04") + self.pmkid)
        ki = 0x0080 | 0x0008 | self.version
        return self.link.eapol(False, eapol_key(self.desc, ki, 32 if self.wpa1 else 16,
                                                self.replay, self.anonce, kd))

    def m2(self, kck=None):
        ki = 0x0100 | 0x0008 | self.version
        sec = WPA_IE if self.wpa1 else RSN_IE
        f = eapol_key(self.desc, ki, 0, self.replay, self.snonce, sec)
        return self.link.eapol(True, with_mic(f, kck or self.kck, self.version))

    def m3(self):
        if self.wpa1:  # WPA1: the AP's WPA IE in the clear; the GTK comes in a group handshake
            ki = 0x0100 | 0x0080 | 0x0040 | 0x0008 | self.version
            f = eapol_key(self.desc, ki, 32, self.replay + 1, self.anonce, WPA_IE)
        else:  # RSN: RSN IE + GTK KDE, AES key wrapped under the KEK
            gtk_kde = ie(221, bytes.fromhex("000fac01") + b"\x01\x00" + bytes(range(16)))
            plain = RSN_IE + gtk_kde
            pad = (8 - len(plain) % 8) % 8
            if pad:
                plain += b"\xdd" + b"\x00" * (pad - 1)
            ki = 0x1000 | 0x0200 | 0x0100 | 0x0080 | 0x0040 | 0x0008 | self.version
            f = eapol_key(self.desc, ki, 16, self.replay + 1, self.anonce,
                          aes_key_wrap(self.kek, plain))
        return self.link.eapol(False, with_mic(f, self.kck, self.version))

    def m4(self):
        ki = 0x0100 | 0x0008 | self.version | (0 if self.wpa1 else 0x0200)
        n = self.snonce if self.snonce_in_m4 else b"\x00" * 32
        f = eapol_key(self.desc, ki, 0, self.replay + 1, n)
        return self.link.eapol(True, with_mic(f, self.kck, self.version))


def connect(p, link, ssid, sec_ie):
    p.add(link.auth(False, 1))
    p.add(link.auth(True, 2))
    p.add(link.assoc_req(ssid, sec_ie))
    p.add(link.assoc_resp())


# --------------------------------------------------------------------------------------------
# The captures

AP, STA = "02:00:00:00:1a:01", "02:00:00:00:1b:01"
WPA2_SSID, WPA2_PASS = b"lab-wpa2", "correct horse battery"
WPA1_SSID, WPA1_PASS = b"lab-wpa1-tkip", "tkip-is-history"


def wpa2_psk(linktype, name):
    p, link = Pcap(linktype), Link(AP, STA)
    p.add(link.beacon(WPA2_SSID, RSN_IE), 100_000)
    connect(p, link, WPA2_SSID, RSN_IE)
    hs = Handshake(link, pmk_of(WPA2_PASS, WPA2_SSID), nonce(0xA0), nonce(0x50))
    for f in (hs.m1(), hs.m2(), hs.m3(), hs.m4()):
        p.add(f)
    p.write(name)


def wpa1_tkip():
    p, link = Pcap(127), Link(AP, STA)
    p.add(link.beacon(WPA1_SSID, WPA_IE), 100_000)
    connect(p, link, WPA1_SSID, WPA_IE)
    hs = Handshake(link, pmk_of(WPA1_PASS, WPA1_SSID), nonce(0x11), nonce(0x77), wpa1=True)
    for f in (hs.m1(), hs.m2(), hs.m3(), hs.m4()):
        p.add(f)
    p.write("wpa1-tkip.pcap")


def lost_m1():
    """Message 1 is not in the capture at all: message 2 + message 3 (its ANonce) prove the
    passphrase (and message 3 + message 2's SNonce)."""
    p, link = Pcap(127), Link(AP, STA)
    p.add(link.beacon(WPA2_SSID, RSN_IE), 100_000)
    connect(p, link, WPA2_SSID, RSN_IE)
    hs = Handshake(link, pmk_of(WPA2_PASS, WPA2_SSID), nonce(0xB0), nonce(0x3B))
    hs.m1()  # sent by the AP, not captured
    for f in (hs.m2(), hs.m3(), hs.m4()):
        p.add(f)
    p.write("wpa2-lost-m1.pcap")


def stale_m1():
    """First association: message 1 (ANonce A1, replay counter 1) is captured and nothing else
    of that handshake; the station re-associates; the AP's new message 1 (ANonce A2, replay
    counter 1 again: a new association restarts the counter) is missed by the sniffer; message
    2 answers it, messages 3 (ANonce A2) and 4 follow. Message 2 + message 1 (A1) cannot
    verify; message 2 + message 3 (A2) does."""
    p, link = Pcap(127), Link(AP, STA)
    pmk = pmk_of(WPA2_PASS, WPA2_SSID)
    p.add(link.beacon(WPA2_SSID, RSN_IE), 100_000)
    connect(p, link, WPA2_SSID, RSN_IE)
    first = Handshake(link, pmk, nonce(0xC0), nonce(0x30))
    p.add(first.m1())
    p.wait(1_000_000)
    p.add(link.deauth(True, 15))
    p.wait(200_000)
    connect(p, link, WPA2_SSID, RSN_IE)
    second = Handshake(link, pmk, nonce(0xE0), nonce(0x31))
    second.m1()  # sent by the AP, not captured (keeps the sequence numbers honest)
    for f in (second.m2(), second.m3(), second.m4()):
        p.add(f)
    p.write("wpa2-stale-m1.pcap")


def pmkid_only():
    """An AP that puts the PMKID KDE in message 1; the station never answers (what a PMKID
    harvester records)."""
    p, link = Pcap(127), Link(AP, STA)
    p.add(link.beacon(WPA2_SSID, RSN_IE), 100_000)
    connect(p, link, WPA2_SSID, RSN_IE)
    hs = Handshake(link, pmk_of(WPA2_PASS, WPA2_SSID), nonce(0x90), nonce(0x10), pmkid=True)
    p.add(hs.m1())
    p.wait(1_000_000)
    p.add(link.deauth(False, 3))
    p.write("wpa2-pmkid.pcap")


def m3_m4_only():
    """Messages 1 and 2 missed; message 3 and a message 4 that carries the SNonce (some
    stations repeat it there) are enough."""
    p, link = Pcap(127), Link(AP, STA)
    p.add(link.beacon(WPA2_SSID, RSN_IE), 100_000)
    connect(p, link, WPA2_SSID, RSN_IE)
    hs = Handshake(link, pmk_of(WPA2_PASS, WPA2_SSID), nonce(0x42), nonce(0x24),
                   snonce_in_m4=True)
    hs.m1(), hs.m2()  # not captured
    p.add(hs.m3())
    p.add(hs.m4())
    p.write("wpa2-m3-m4.pcap")


def station_typo():
    """The station uses another passphrase than the AP: message 2's MIC is made with the
    station's PMK; the AP does not answer it, retransmits message 1, and gives up (deauth 15).
    Message 2 proves the station's passphrase, not the AP's."""
    p, link = Pcap(127), Link(AP, STA)
    p.add(link.beacon(WPA2_SSID, RSN_IE), 100_000)
    connect(p, link, WPA2_SSID, RSN_IE)
    sta_pmk = pmk_of("correct horse battery staple", WPA2_SSID)
    hs = Handshake(link, sta_pmk, nonce(0x70), nonce(0x07))
    p.add(hs.m1())
    p.add(hs.m2())
    p.wait(1_000_000)
    hs.replay = 2
    p.add(hs.m1())
    p.add(hs.m2())
    p.wait(1_000_000)
    p.add(link.deauth(True, 15))
    p.write("wpa2-station-typo.pcap")


# --------------------------------------------------------------------------------------------
# A reaver-like external registrar guessing the AP's PIN


def wired_eapol(path):
    """The EAPOL payloads of an Ethernet pcap (the wired interop captures): (from_sta, bytes)."""
    data = open(path, "rb").read()
    e = "<" if data[:4] == b"\xd4\xc3\xb2\xa1" or data[:4] == b"\x4d\x3c\xb2\xa1" else ">"
    out, pos = [], 24
    while pos + 16 <= len(data):
        incl = struct.unpack(e + "I", data[pos + 8:pos + 12])[0]
        pkt = data[pos + 16:pos + 16 + incl]
        pos += 16 + incl
        if pkt[12:14] != b"\x88\x8e":
            continue
        body = pkt[14:]
        ln = struct.unpack(">H", body[2:4])[0]
        out.append((pkt[0:6] == b"\x01\x80\xc2\x00\x00\x03", body[:4 + ln]))
    return out


def wsc_attr(t, v):
    return struct.pack(">HH", t, len(v)) + v


def wsc_attrs(msg):
    out, i = {}, 0
    while i + 4 <= len(msg):
        t, ln = struct.unpack(">HH", msg[i:i + 4])
        out.setdefault(t, msg[i + 4:i + 4 + ln])
        i += 4 + ln
    return out


def eap_wsc(code, ident, op, wsc):
    body = bytes([254]) + b"\x00\x37\x2a" + b"\x00\x00\x00\x01" + bytes([op, 0]) + wsc
    eap = struct.pack(">BBH", code, ident, 4 + len(body)) + body
    return struct.pack(">BBH", 1, 0, len(eap)) + eap


def eap_plain(code, ident, data=b""):
    eap = struct.pack(">BBH", code, ident, 4 + len(data)) + data
    return struct.pack(">BBH", 1, 0, len(eap)) + eap


def reaver():
    """Two PIN guesses by an external registrar (the station) against the AP (the enrollee),
    as reaver makes them: authentication, association, EAPOL-Start, Identity
    (WFA-SimpleConfig-Registrar-1-0), M1 (AP) .. M4, the AP's WSC_NACK (configuration error 18:
    R-Hash1 did not match), the registrar's WSC_NACK answering it. First guess: the registrar
    deauthenticates (reason 3) at once and the AP retransmits its NACK request after that.
    Second guess: the AP retransmits its Identity request and M1, ends with EAP-Failure (and
    a retransmission of it), and the registrar deauthenticates. M1..M4 are those of tests/data/captures/er (hostapd 2.10 as enrollee)."""
    msgs = [m for m in wired_eapol(os.path.join(HERE, "..", "captures", "er", "wps.pcap"))
            if len(m[1]) > 4 and m[1][1] == 0 and m[1][4] in (1, 2) and len(m[1]) > 18
            and m[1][8] == 254]
    m1, m2, m3, m4 = (m[1] for m in msgs[:4])
    a1 = wsc_attrs(m1[18:])
    a2 = wsc_attrs(m2[18:])
    nack = (wsc_attr(0x104A, b"\x10") + wsc_attr(0x1022, b"\x0e") + wsc_attr(0x101A, a1[0x101A])
            + wsc_attr(0x1039, a2[0x1039]) + wsc_attr(0x1009, struct.pack(">H", 18))
            + wsc_attr(0x1049, bytes.fromhex("00372a000120")))
    p, link = Pcap(127), Link("02:00:00:00:2a:01", "02:00:00:00:2b:01")
    wps_ie = ie(221, bytes.fromhex("0050f204") + wsc_attr(0x104A, b"\x10")
                + wsc_attr(0x1044, b"\x02") + wsc_attr(0x1011, b"Wireless Broadband Home Router 9000")
                + wsc_attr(0x1023, b"WBHR-9000-AC-DUALBAND") + wsc_attr(0x1024, b"rev.B2-2023")
                + wsc_attr(0x1049, bytes.fromhex("00372a000120")))
    p.add(link.beacon(b"lab-wps-ap", RSN_IE, wps_ie), 100_000)
    ident = 100
    for attempt in range(2):
        connect(p, link, b"lab-wps-ap", wps_ie)
        p.add(link.eapol(True, struct.pack(">BBH", 1, 1, 0)))
        p.add(link.eapol(False, eap_plain(1, ident, b"\x01")))
        if attempt == 1:  # the AP retransmits its Identity request and M1 in the second one
            p.add(link.eapol(False, eap_plain(1, ident, b"\x01")))
        p.add(link.eapol(True, eap_plain(2, ident, b"\x01WFA-SimpleConfig-Registrar-1-0")))
        ident += 1
        for req, resp in ((m1, m2), (m3, m4)):
            p.add(link.eapol(False, req[:5] + bytes([ident]) + req[6:]))
            if attempt == 1 and req is m1:
                p.add(link.eapol(False, req[:5] + bytes([ident]) + req[6:]))
            p.add(link.eapol(True, resp[:5] + bytes([ident]) + resp[6:]))
            ident += 1
        p.add(link.eapol(False, eap_wsc(1, ident, 3, nack)))
        p.add(link.eapol(True, eap_wsc(2, ident, 3, nack)))
        if attempt == 0:
            # The registrar leaves at once; the AP, without an answer to its NACK request
            # yet, retransmits it after the deauthentication.
            p.add(link.deauth(False, 3), 30_000)
            p.add(link.eapol(False, eap_wsc(1, ident, 3, nack)), 1_000_000)
        else:
            p.add(link.eapol(False, eap_plain(4, ident)), 20_000)
            p.add(link.eapol(False, eap_plain(4, ident)), 10_000)  # retransmitted
            p.add(link.deauth(False, 3), 1_000_000)
        ident += 1
    p.write("wps-reaver.pcap")


def reaver_brute():
    """A longer online guessing run by the same kind of registrar (station 02:00:00:00:2b:01
    against AP 02:00:00:00:2a:01 "lab-wps-ap"), each attempt EAPOL-Start, Identity
    WFA-SimpleConfig-Registrar-1-0, the AP's M1, ..., the AP's WSC_NACK answered by the
    registrar's, EAP-Failure, the registrar's deauthentication: attempts 1-3 wrong first half
    (NACK error 18 after M4); then the AP's beacon shows AP Setup Locked = 1 and attempt 4 is
    refused after M2 (NACK error 15); the beacon clears the lock; attempt 5 has the right first
    half (the AP sends M5) and a wrong second half (NACK error 18 after M6). M1..M6 are those of
    tests/data/captures/er."""
    msgs = [m for m in wired_eapol(os.path.join(HERE, "..", "captures", "er", "wps.pcap"))
            if len(m[1]) > 4 and m[1][1] == 0 and m[1][4] in (1, 2) and len(m[1]) > 18
            and m[1][8] == 254]
    ms = [m[1] for m in msgs[:6]]
    a1 = wsc_attrs(ms[0][18:])
    a2 = wsc_attrs(ms[1][18:])

    def nack(err):
        return (wsc_attr(0x104A, b"\x10") + wsc_attr(0x1022, b"\x0e")
                + wsc_attr(0x101A, a1[0x101A]) + wsc_attr(0x1039, a2[0x1039])
                + wsc_attr(0x1009, struct.pack(">H", err))
                + wsc_attr(0x1049, bytes.fromhex("00372a000120")))

    p, link = Pcap(127), Link("02:00:00:00:2a:01", "02:00:00:00:2b:01")

    def wps_ie(locked):
        return ie(221, bytes.fromhex("0050f204") + wsc_attr(0x104A, b"\x10")
                  + wsc_attr(0x1044, b"\x02")
                  + (wsc_attr(0x1057, b"\x01") if locked else b"")
                  + wsc_attr(0x1049, bytes.fromhex("00372a000120")))
    p.add(link.beacon(b"lab-wps-ap", RSN_IE, wps_ie(False)), 100_000)
    ident = 10
    # (request/response pairs before the AP's NACK, its configuration error)
    plan = [(2, 18), (2, 18), (2, 18), (1, 15), (3, 18)]
    for n, (pairs, err) in enumerate(plan):
        if n == 3:
            p.add(link.beacon(b"lab-wps-ap", RSN_IE, wps_ie(True)), 500_000)
        if n == 4:
            p.add(link.beacon(b"lab-wps-ap", RSN_IE, wps_ie(False)), 60_000_000)
        connect(p, link, b"lab-wps-ap", wps_ie(n == 3))
        p.add(link.eapol(True, struct.pack(">BBH", 1, 1, 0)))
        p.add(link.eapol(False, eap_plain(1, ident, b"\x01")))
        p.add(link.eapol(True, eap_plain(2, ident, b"\x01WFA-SimpleConfig-Registrar-1-0")))
        ident += 1
        for k in range(pairs):
            req, resp = ms[2 * k], ms[2 * k + 1]
            p.add(link.eapol(False, req[:5] + bytes([ident]) + req[6:]))
            p.add(link.eapol(True, resp[:5] + bytes([ident]) + resp[6:]))
            ident += 1
        p.add(link.eapol(False, eap_wsc(1, ident, 3, nack(err))))
        p.add(link.eapol(True, eap_wsc(2, ident, 3, nack(err))))
        ident += 1
        p.add(link.eapol(False, eap_plain(4, ident)), 20_000)
        p.add(link.deauth(False, 3), 1_000_000)
        ident += 1
    p.write("wps-reaver-brute.pcap")


def main():
    wpa2_psk(127, "wpa2-psk.pcap")
    wpa2_psk(119, "wpa2-psk-prism.pcap")
    wpa2_psk(163, "wpa2-psk-avs.pcap")
    wpa1_tkip()
    lost_m1()
    stale_m1()
    pmkid_only()
    m3_m4_only()
    station_typo()
    reaver()
    reaver_brute()


if __name__ == "__main__":
    sys.exit(main())
