// The simulator's adapter for a roles::Station, shared by the scenario families (scenario.cpp,
// scenario_pbc.cpp, ap_pin.cpp): starts the station at a given time, hands its events to the
// scenario, and stays on the air a little after the station is done so its last frames reach
// the AP; and the key-log bookkeeping they share. Internal to the sim module.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "roles/station.hpp"
#include "sim/node.hpp"
#include "sim/scenario.hpp"

namespace wps::sim {

class StationNode final : public Node {
 public:
  /// What the scenario does with each event of the station, with the time it came out.
  using EventSink = std::function<void(roles::Event, TimePoint)>;

  /// `hears_before_start`: frames reach the station before its start time (a station that is
  /// already on, scanning later) or are dropped until then (a device switched on at start_at).
  StationNode(std::string name, roles::StationConfig cfg, Rng& rng, wpa2::PmkCache* cache,
              TimePoint start_at, EventSink sink, bool hears_before_start = true);

  std::string_view name() const override { return name_; }
  MacAddr address() const override { return sta_.address(); }
  void on_frame(ByteView frame, TimePoint now) override;
  std::optional<Bytes> poll_transmit() override { return sta_.poll_transmit(); }
  /// A station does not answer Probe Requests (management, subtype 4): only APs do.
  bool receives_group_frame(ByteView frame) const override {
    return frame.empty() || frame[0] != 0x40;
  }
  std::optional<TimePoint> next_deadline() const override;
  void on_deadline(TimePoint now) override;
  /// Done a little after the station finished, so its last frames reach the AP.
  bool done() const override { return linger_until_ && now_ >= *linger_until_; }
  /// When the node is (or will be) done; nullopt while the station runs.
  [[nodiscard]] std::optional<TimePoint> done_at() const { return linger_until_; }
  const roles::Station& station() const { return sta_; }

 private:
  void after(TimePoint now);

  std::string name_;
  roles::Station sta_;
  TimePoint start_at_;
  EventSink sink_;
  bool hears_before_start_;
  bool started_ = false;
  TimePoint now_{};
  std::optional<TimePoint> linger_until_;
};

/// Adds a key-log event to a scenario's key log, once: both sides log the shared keys (DHKEY,
/// AUTHKEY, ...), so the same line comes twice.
void keep_keylog_line(std::vector<KeyLogLine>& keylog, const roles::KeyLog& entry);

}  // namespace wps::sim
