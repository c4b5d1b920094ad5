// Test helper: wires an ApMlme and a StaMlme directly to each other (every SendFrame of one is
// delivered to the other), with a fake clock advanced to the engines' deadlines and an optional
// drop rule. Everything sent is logged for inspection.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <variant>
#include <vector>

#include "dot11/ap_mlme.hpp"
#include "dot11/codec.hpp"
#include "dot11/sta_mlme.hpp"

namespace wps::dot11::harness {

struct Aired {
  TimePoint at;
  bool from_ap = false;
  Bytes bytes;
  bool dropped = false;
};

class Link {
 public:
  Link(ApMlme& ap, StaMlme& sta, TimePoint start) : ap_(ap), sta_(sta), now_(start) {}

  /// Return true to drop the frame. Called for every frame in order.
  std::function<bool(const Aired&)> drop;
  /// Beacons are logged only if this is set (they would swamp the log).
  bool log_beacons = false;

  TimePoint now() const { return now_; }
  const std::vector<Aired>& air() const { return air_; }
  std::vector<ApMlme::Output>& ap_events() { return ap_events_; }
  std::vector<StaMlme::Output>& sta_events() { return sta_events_; }

  /// Delivers outputs until both engines are quiet.
  void pump() {
    for (bool moved = true; moved;) {
      moved = false;
      while (auto o = ap_.poll_output()) {
        moved = true;
        if (auto* s = std::get_if<SendFrame>(&*o)) {
          deliver(true, s->bytes);
        } else {
          ap_events_.push_back(std::move(*o));
        }
      }
      while (auto o = sta_.poll_output()) {
        moved = true;
        if (auto* s = std::get_if<SendFrame>(&*o)) {
          deliver(false, s->bytes);
        } else {
          sta_events_.push_back(std::move(*o));
        }
      }
    }
  }

  /// Advances the clock deadline by deadline until `done()` or `limit` (false if the limit hit).
  bool run_until(const std::function<bool()>& done, TimePoint limit) {
    pump();
    while (!done()) {
      std::optional<TimePoint> d = ap_.next_deadline();
      if (auto s = sta_.next_deadline(); s && (!d || *s < *d)) d = s;
      if (!d || *d > limit) return false;
      now_ = std::max(now_, *d);
      if (auto a = ap_.next_deadline(); a && *a <= now_) ap_.on_deadline(now_);
      if (auto s = sta_.next_deadline(); s && *s <= now_) sta_.on_deadline(now_);
      pump();
    }
    return true;
  }

  void advance(Duration d) {
    const TimePoint until = now_ + d;
    run_until([&] { return now_ >= until; }, until);
    now_ = until;
  }

  template <typename T>
  std::vector<T> ap_of() const {
    std::vector<T> v;
    for (const auto& o : ap_events_)
      if (auto* t = std::get_if<T>(&o)) v.push_back(*t);
    return v;
  }
  template <typename T>
  std::vector<T> sta_of() const {
    std::vector<T> v;
    for (const auto& o : sta_events_)
      if (auto* t = std::get_if<T>(&o)) v.push_back(*t);
    return v;
  }

  /// Parsed management frames on the air (dropped ones included), optionally from one side.
  std::vector<MgmtFrame> mgmt_sent(std::optional<bool> from_ap = std::nullopt) const {
    std::vector<MgmtFrame> v;
    for (const auto& a : air_) {
      if (from_ap && a.from_ap != *from_ap) continue;
      auto f = parse_frame(a.bytes);
      if (f && std::holds_alternative<MgmtFrame>(*f)) v.push_back(std::get<MgmtFrame>(*f));
    }
    return v;
  }

 private:
  void deliver(bool from_ap, const Bytes& b) {
    Aired a{now_, from_ap, b, false};
    if (drop && drop(a)) a.dropped = true;
    const bool beacon = b.size() >= 1 && b[0] == 0x80;
    if (!beacon || log_beacons) air_.push_back(a);
    if (a.dropped) return;
    if (from_ap)
      sta_.on_frame(b, now_);
    else
      ap_.on_frame(b, now_);
  }

  ApMlme& ap_;
  StaMlme& sta_;
  TimePoint now_;
  std::vector<Aired> air_;
  std::vector<ApMlme::Output> ap_events_;
  std::vector<StaMlme::Output> sta_events_;
};

}  // namespace wps::dot11::harness
