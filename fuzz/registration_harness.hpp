// Shared by fuzz_enrollee.cpp and fuzz_registrar.cpp: one engine under test is fed a fuzzed
// sequence of messages built from a reference registration.
//
// A reference run (our Enrollee and Registrar, seeded Drbgs, PIN 12345670) is made once per
// process. The engine under test is created with the same seed, so as long as it is fed the
// reference messages it sends the reference messages: the fuzzer can walk it to any state and
// then hand it a mutated, repeated, out-of-order or arbitrary message there. The input is a
// list of steps; each step starts with an op octet:
//   op % 4 == 0  the peer's next reference message, unchanged;
//   op % 4 == 1  the peer's next reference message with one octet changed: [BE16 offset][xor];
//   op % 4 == 2  an arbitrary message: [BE16 length][octets];
//   op % 4 == 3  bit 2 clear: the peer's reference message number op >> 3 (mod count), out of
//                order; bit 2 set: time advances by (op >> 3) seconds and deadlines are served.
// Invariants (abort when broken): at most one Succeeded/Failed; a Succeeded or a credential sent
// only after the message that proves the PIN (the reference M7 to the Registrar, M8 to the
// Enrollee) was delivered byte for byte; the Enrollee's credential is the reference network.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <variant>
#include <vector>

#include "crypto/crypto.hpp"
#include "wps/enrollee.hpp"
#include "wps/pin_store.hpp"
#include "wps/registrar.hpp"

namespace fuzz_reg {

using namespace wps;
using namespace wps::proto;

inline void check(bool ok) {
  if (!ok) std::abort();
}

inline const MacAddr kStaMac({0x02, 0x00, 0x00, 0x00, 0x0b, 0x01});
inline constexpr std::uint64_t kSeed = 1;
inline constexpr const char* kPin = "12345670";

inline Uuid uuid_of(std::uint8_t b) {
  std::array<std::uint8_t, 16> a{};
  a.fill(b);
  return Uuid(a);
}

inline EnrolleeConfig enrollee_config() {
  EnrolleeConfig c;
  c.uuid = uuid_of(0xe0);
  c.mac = kStaMac;
  c.device = {"wpslab", "STA", "1", "0001", {1, wsc::kWfaDeviceTypeOui, 1}, "wpslab-sta"};
  c.device_password = crypto::to_secret(as_bytes(std::string_view(kPin)));
  return c;
}

inline wsc::Credential network() {
  wsc::Credential n;
  n.ssid = to_bytes("wpslab-net");
  n.network_key = crypto::to_secret(as_bytes(std::string_view("correct horse battery")));
  return n;
}

inline RegistrarConfig registrar_config(PinStore* pins) {
  RegistrarConfig c;
  c.uuid = uuid_of(0xa0);
  c.device = {"wpslab", "AP", "1", "0002", {6, wsc::kWfaDeviceTypeOui, 1}, "wpslab-ap"};
  c.pins = pins;
  c.session_id = 1;
  c.network = network();
  return c;
}

/// What one engine emitted.
struct Seen {
  std::vector<SendMessage> sent;
  int terminal = 0;
  std::optional<Succeeded> succeeded;
};

template <typename E>
void drain(E& e, Seen& s) {
  while (auto o = e.poll_output()) {
    if (auto* m = std::get_if<SendMessage>(&*o)) {
      s.sent.push_back(std::move(*m));
    } else if (auto* ok = std::get_if<Succeeded>(&*o)) {
      ++s.terminal;
      s.succeeded = std::move(*ok);
    } else if (std::holds_alternative<Failed>(*o)) {
      ++s.terminal;
    }
  }
}

/// The reference run: what each side sent, in order.
struct Reference {
  std::vector<Bytes> from_enrollee;   // M1, M3, M5, M7, WSC_Done
  std::vector<Bytes> from_registrar;  // M2, M4, M6, M8
};

inline const Reference& reference() {
  static const Reference ref = [] {
    Reference r;
    PinStore pins;
    pins.add(kPin);
    crypto::Drbg erng(kSeed, "enrollee"), rrng(kSeed, "registrar");
    Enrollee enr(enrollee_config(), erng);
    Registrar reg(registrar_config(&pins), rrng);
    const TimePoint t0{};
    Seen se, sr;
    enr.start(t0);
    std::size_t ei = 0, ri = 0;
    for (int guard = 0; guard < 32; ++guard) {
      drain(enr, se);
      bool progressed = false;
      for (; ei < se.sent.size(); ++ei, progressed = true) reg.on_message(se.sent[ei].payload, t0);
      drain(reg, sr);
      for (; ri < sr.sent.size(); ++ri, progressed = true) enr.on_message(sr.sent[ri].payload, t0);
      if (!progressed) break;
    }
    check(se.succeeded.has_value() && sr.succeeded.has_value());
    for (auto& m : se.sent) r.from_enrollee.push_back(m.payload);
    for (auto& m : sr.sent) r.from_registrar.push_back(m.payload);
    return r;
  }();
  return ref;
}

/// Walks the input's steps; `deliver(bytes, now)` hands a message to the engine under test,
/// `tick(now)` serves its deadlines. `peer` is the list of reference messages it may receive.
/// Returns the messages delivered (for the invariants).
template <typename Deliver, typename Tick>
std::vector<Bytes> play(const std::uint8_t* data, std::size_t size, const std::vector<Bytes>& peer,
                        Deliver deliver, Tick tick) {
  std::vector<Bytes> delivered;
  std::size_t pos = 0, next = 0;
  TimePoint now{};
  auto u8 = [&]() -> std::uint8_t { return pos < size ? data[pos++] : 0; };
  auto be16 = [&]() -> std::size_t {
    std::size_t hi = u8();
    return (hi << 8) | u8();
  };
  for (int steps = 0; pos < size && steps < 64; ++steps) {
    const std::uint8_t op = u8();
    Bytes msg;
    switch (op & 3) {
      case 0:
        if (next >= peer.size()) continue;
        msg = peer[next++];
        break;
      case 1: {
        if (next >= peer.size()) continue;
        msg = peer[next++];
        const std::size_t at = be16() % msg.size();
        const std::uint8_t x = u8();
        msg[at] ^= x == 0 ? 0x01 : x;
        break;
      }
      case 2: {
        std::size_t len = be16();
        if (len > size - pos) len = size - pos;
        msg.assign(data + pos, data + pos + len);
        pos += len;
        break;
      }
      default:
        if (op & 4) {
          now = now + std::chrono::seconds(op >> 3);
          tick(now);
          continue;
        }
        msg = peer[static_cast<std::size_t>(op >> 3) % peer.size()];
        break;
    }
    deliver(msg, now);
    delivered.push_back(std::move(msg));
  }
  return delivered;
}

inline bool contains(const std::vector<Bytes>& list, const Bytes& m) {
  for (const auto& x : list)
    if (x == m) return true;
  return false;
}

}  // namespace fuzz_reg
