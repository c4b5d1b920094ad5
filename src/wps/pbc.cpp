#include "wps/pbc.hpp"

#include <algorithm>

namespace wps::proto {

std::string_view to_string(PbcEvent e) {
  switch (e) {
    case PbcEvent::Active: return "pbc-active";
    case PbcEvent::Disabled: return "pbc-disable";
    case PbcEvent::Timeout: return "timeout";
    case PbcEvent::Cancelled: return "cancel";
    case PbcEvent::OverlapDetected: return "overlap-detected";
  }
  return "?";
}

void PbcMonitor::forget_old(TimePoint now) {
  std::erase_if(seen_, [&](const Seen& s) { return now - s.at > kPbcMonitorTime; });
}

void PbcMonitor::remember(const MacAddr& mac, const Uuid& uuid, TimePoint now) {
  // One entry per (MAC, UUID-E), refreshed: a dual-band enrollee is two entries with one UUID,
  // which overlap() counts once.
  std::erase_if(seen_, [&](const Seen& s) { return s.mac == mac && s.uuid == uuid; });
  seen_.push_back({mac, uuid, now});
}

std::size_t PbcMonitor::enrollees(TimePoint now) const {
  std::vector<Uuid> distinct;
  for (const auto& s : seen_) {
    if (now - s.at > kPbcMonitorTime) continue;
    if (std::find(distinct.begin(), distinct.end(), s.uuid) == distinct.end())
      distinct.push_back(s.uuid);
  }
  return distinct.size();
}

bool PbcMonitor::overlap(const std::optional<Uuid>& requester, TimePoint now) const {
  std::size_t n = enrollees(now);
  if (requester) {
    bool known = std::any_of(seen_.begin(), seen_.end(), [&](const Seen& s) {
      return s.uuid == *requester && now - s.at <= kPbcMonitorTime;
    });
    if (!known) ++n;
  }
  return n > 1;
}

bool PbcMonitor::press(TimePoint now) {
  forget_old(now);
  if (overlap(std::nullopt, now)) {
    events_.emplace(PbcEvent::OverlapDetected);
    return false;
  }
  force_overlap_ = false;
  walk_end_ = now + kPbcWalkTime;
  events_.emplace(PbcEvent::Active);
  return true;
}

void PbcMonitor::cancel() {
  if (!walk_end_) return;
  walk_end_.reset();
  events_.emplace(PbcEvent::Cancelled);
}

void PbcMonitor::on_probe_request(const MacAddr& mac, const Uuid& uuid_e, TimePoint now) {
  if (ignore_uuid_ && *ignore_uuid_ == uuid_e && now < ignore_until_) return;
  forget_old(now);
  remember(mac, uuid_e, now);
}

PbcM1Decision PbcMonitor::on_m1(const MacAddr& mac, const Uuid& uuid_e, TimePoint now) {
  // hostapd answers a PBC M1 outside PBC mode with M2D ("Unsupported Device Password ID 4")
  // before any overlap check, and does not count that enrollee (tests/data/nfc-pbc/captures/
  // pbc-nobutton/hostapd.log has no "Checking active PBC sessions").
  if (!walk_end_) return PbcM1Decision::NotActive;
  forget_old(now);
  if (force_overlap_ || overlap(uuid_e, now)) {
    // hostapd: the refusal also condemns the PBC session already running (force_pbc_overlap).
    force_overlap_ = true;
    events_.emplace(PbcEvent::OverlapDetected);
    return PbcM1Decision::Overlap;
  }
  remember(mac, uuid_e, now);
  return PbcM1Decision::Accept;
}

void PbcMonitor::completed(const MacAddr& /*mac*/, const Uuid& uuid_e, TimePoint now) {
  std::erase_if(seen_, [&](const Seen& s) { return s.uuid == uuid_e; });
  ignore_uuid_ = uuid_e;
  ignore_until_ = now + kPbcIgnoreAfterSuccess;
  if (walk_end_) {
    walk_end_.reset();
    events_.emplace(PbcEvent::Disabled);
  }
}

void PbcMonitor::on_deadline(TimePoint now) {
  forget_old(now);
  if (walk_end_ && *walk_end_ <= now) {
    walk_end_.reset();
    events_.emplace(PbcEvent::Timeout);
  }
}

bool pbc_scan_overlap(const std::vector<PbcAp>& active_aps) {
  std::vector<PbcAp> distinct;
  for (const auto& ap : active_aps) {
    bool same = std::any_of(distinct.begin(), distinct.end(), [&](const PbcAp& d) {
      if (ap.uuid && d.uuid) return *ap.uuid == *d.uuid;
      return ap.bssid == d.bssid;
    });
    if (!same) distinct.push_back(ap);
  }
  return distinct.size() > 1;
}

}  // namespace wps::proto
