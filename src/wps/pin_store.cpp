#include "wps/pin_store.hpp"

#include <algorithm>

namespace wps::proto {

void PinStore::add(std::string_view pin, std::optional<Uuid> uuid,
                   std::optional<TimePoint> expires) {
  std::erase_if(entries_, [&](const Entry& e) { return e.uuid == uuid && !e.claimed_by; });
  Entry e;
  e.pin = crypto::to_secret(as_bytes(pin));
  e.uuid = uuid;
  e.wildcard = !uuid.has_value();
  e.expires = expires;
  entries_.push_back(std::move(e));
}

void PinStore::clear() {
  entries_.clear();
}

void PinStore::expire(TimePoint now) {
  std::erase_if(entries_, [&](const Entry& e) { return e.expires && *e.expires <= now; });
}

std::optional<crypto::SecretBytes> PinStore::claim(const Uuid& uuid_e, SessionId session,
                                                   TimePoint now) {
  expire(now);
  // Already claimed by this session (e.g. a retransmitted M1).
  for (auto& e : entries_) {
    if (e.claimed_by == session) return crypto::SecretBytes(e.pin);
  }
  // A PIN bound to this enrollee (including a wildcard already bound to it) wins.
  for (auto& e : entries_) {
    if (e.uuid == uuid_e && !e.claimed_by) {
      if (e.wildcard && e.wildcard_claims >= kWildcardMaxClaims) continue;
      if (e.wildcard) ++e.wildcard_claims;
      e.claimed_by = session;
      return crypto::SecretBytes(e.pin);
    }
  }
  for (auto& e : entries_) {
    if (e.wildcard && !e.uuid && !e.claimed_by && e.wildcard_claims < kWildcardMaxClaims) {
      ++e.wildcard_claims;
      e.uuid = uuid_e;  // hostapd binds a wildcard PIN to the first enrollee that uses it
      e.claimed_by = session;
      return crypto::SecretBytes(e.pin);
    }
  }
  return std::nullopt;
}

void PinStore::finish(SessionId session, PinOutcome outcome) {
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->claimed_by != session) continue;
    if (outcome == PinOutcome::FailedEarly) {
      it->claimed_by.reset();
    } else {
      entries_.erase(it);
    }
    return;
  }
}

bool PinStore::any_available(TimePoint now) const {
  return std::any_of(entries_.begin(), entries_.end(), [&](const Entry& e) {
    if (e.expires && *e.expires <= now) return false;
    if (e.claimed_by) return false;
    return !e.wildcard || e.wildcard_claims < kWildcardMaxClaims;
  });
}

}  // namespace wps::proto
