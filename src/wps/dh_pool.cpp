#include "wps/dh_pool.hpp"

#include "base/assert.hpp"

namespace wps::proto {

bool DhKeyPool::refill(Rng& rng) {
  if (full()) return false;
  auto k = crypto::DhPrivateKey::generate(rng);
  if (!k) return false;
  keys_.push_back(std::move(k).value());
  return true;
}

std::optional<crypto::DhPrivateKey> DhKeyPool::take() {
  if (keys_.empty()) return std::nullopt;
  crypto::DhPrivateKey k = std::move(keys_.front());
  keys_.pop_front();
  ++taken_;
  return k;
}

crypto::DhPrivateKey take_or_generate(DhKeyPool* pool, Rng& rng) {
  if (pool != nullptr) {
    if (auto k = pool->take()) return std::move(*k);
  }
  auto k = crypto::DhPrivateKey::generate(rng);
  WPS_ASSERT(k.has_value());  // only an OpenSSL failure can get here
  return std::move(k).value();
}

}  // namespace wps::proto
