#include "sim/fault.hpp"

#include <utility>

#include "base/assert.hpp"
#include "dot11/codec.hpp"
#include "sim/classify.hpp"

namespace wps::sim {

std::string_view to_string(FaultKind k) {
  switch (k) {
    case FaultKind::None: return "none";
    case FaultKind::Drop: return "drop";
    case FaultKind::Duplicate: return "duplicate";
    case FaultKind::Delay: return "delay";
    case FaultKind::Corrupt: return "corrupt";
  }
  return "unknown";
}

FaultAction FaultAction::delay_by(Duration d) {
  WPS_ASSERT(d >= Duration{0});
  return {FaultKind::Delay, d, 0, 0};
}

FaultAction FaultAction::corrupt(std::size_t octet, std::uint8_t xor_mask) {
  WPS_ASSERT(xor_mask != 0);
  return {FaultKind::Corrupt, Duration{0}, octet, xor_mask};
}

bool FrameMatch::matches(const FrameInfo& f) const {
  if (index && *index != f.index) return false;
  if (transmitter && *transmitter != f.transmitter) return false;
  if (predicate && !predicate(f)) return false;
  return true;
}

FramePredicate is_wsc_message(std::uint8_t msg_type) {
  return [msg_type](const FrameInfo& f) {
    const auto t = wsc_message_type(f.frame);
    return t && *t == msg_type;
  };
}

FramePredicate is_eapol(std::optional<std::uint8_t> type) {
  return [type](const FrameInfo& f) {
    const auto info = inspect_eapol(f.frame);
    return info && (!type || info->type == *type);
  };
}

FramePredicate is_eap_code(std::uint8_t code) {
  return [code](const FrameInfo& f) {
    const auto info = inspect_eapol(f.frame);
    return info && info->eap && info->eap->code == code;
  };
}

FramePredicate is_mgmt(dot11::MgmtSubtype subtype) {
  return [subtype](const FrameInfo& f) {
    const auto fc = dot11::peek_frame_control(f.frame);
    return fc && fc->type == dot11::FrameType::Management &&
           fc->subtype == static_cast<std::uint8_t>(subtype);
  };
}

FaultPlan& FaultPlan::add(FrameMatch match, FaultAction action, std::uint32_t skip,
                          std::uint32_t count) {
  rules.push_back(FaultRule{std::move(match), action, skip, count});
  return *this;
}

FaultInjector::FaultInjector(FaultPlan plan, std::uint64_t run_seed)
    : plan_(std::move(plan)),
      matches_(plan_.rules.size(), 0),
      hits_(plan_.rules.size(), 0),
      loss_rng_(run_seed, kLossStream) {
  WPS_ASSERT(plan_.loss_ppm <= 1'000'000u);
  for (const auto& r : plan_.rules) WPS_ASSERT(r.action.kind != FaultKind::None);
}

std::vector<Transmission> FaultInjector::apply(const FrameInfo& info) {
  std::vector<Transmission> out;
  out.push_back(Transmission{to_bytes(info.frame), Duration{0}, FaultApplied{}});

  for (std::size_t i = 0; i < plan_.rules.size(); ++i) {
    const FaultRule& rule = plan_.rules[i];
    if (rule.count != 0 && hits_[i] >= rule.count) continue;  // exhausted
    if (rule.action.kind == FaultKind::Corrupt && rule.action.octet >= info.frame.size()) continue;
    if (!rule.match.matches(info)) continue;
    if (++matches_[i] <= rule.skip) continue;
    ++hits_[i];

    FaultApplied& fa = out.front().fault;
    fa.kind = rule.action.kind;
    fa.rule = i;
    switch (rule.action.kind) {
      case FaultKind::None:
      case FaultKind::Drop: break;
      case FaultKind::Duplicate: {
        Transmission second = out.front();
        second.fault.copy = 1;
        out.push_back(std::move(second));
        break;
      }
      case FaultKind::Delay:
        fa.delay = rule.action.delay;
        out.front().delay = rule.action.delay;
        break;
      case FaultKind::Corrupt: {
        std::uint8_t& octet = out.front().frame[rule.action.octet];
        fa.octet = rule.action.octet;
        fa.original = octet;
        octet = static_cast<std::uint8_t>(octet ^ rule.action.xor_mask);
        break;
      }
    }
    break;  // the first acting rule decides the frame
  }

  for (auto& t : out) {
    if (loss_rng_.chance_ppm(plan_.loss_ppm)) {
      t.fault.lost = true;
      ++lost_;
    }
  }
  return out;
}

bool FaultInjector::draw_loss() {
  const bool lost = loss_rng_.chance_ppm(plan_.loss_ppm);
  if (lost) ++lost_;
  return lost;
}

}  // namespace wps::sim
