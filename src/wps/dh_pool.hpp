// DH key pairs generated ahead of time, so that the group-5 exponentiation g^x does not sit on
// the path between a received message and our answer. Both roles draw a fresh key per run (M1 for
// the enrollee, M2 for the registrar); with a pool the edge generates it when it is idle (the AP
// between frames, the station before its EAPOL-Start) and the engine takes it when it needs it.
//
// Each key is used for one run only: take() moves it out of the pool. Keys waiting in the pool
// are OpenSSL key objects, freed and wiped with the pool. Sans-I/O: the pool does nothing by
// itself; whoever owns it decides when refill() runs and with which Rng. An engine whose
// configuration has no pool (the simulator, the replay tests) draws its key from its own Rng at
// the moment it needs it, which keeps deterministic runs unchanged.
#pragma once

#include <cstddef>
#include <deque>
#include <optional>

#include "base/rng.hpp"
#include "crypto/crypto.hpp"

namespace wps::proto {

class DhKeyPool {
 public:
  /// Keeps up to `capacity` keys ready (at least 1).
  explicit DhKeyPool(std::size_t capacity = 1) : capacity_(capacity == 0 ? 1 : capacity) {}
  DhKeyPool(const DhKeyPool&) = delete;
  DhKeyPool& operator=(const DhKeyPool&) = delete;

  /// Generates one key when the pool is below capacity. Returns true if it did (so an idle loop
  /// can call it until it returns false). A generation failure (OpenSSL) leaves the pool as is
  /// and returns false: the engine then generates its own key when it needs one.
  bool refill(Rng& rng);
  /// A key for one run, or nullopt when the pool is empty.
  std::optional<crypto::DhPrivateKey> take();

  [[nodiscard]] std::size_t size() const { return keys_.size(); }
  [[nodiscard]] bool full() const { return keys_.size() >= capacity_; }
  /// Keys handed out by take() so far (tests, statistics).
  [[nodiscard]] std::size_t taken() const { return taken_; }

 private:
  std::size_t capacity_;
  std::deque<crypto::DhPrivateKey> keys_;
  std::size_t taken_ = 0;
};

/// The key for a run: from the pool when it has one, otherwise generated now from rng.
/// Aborts only if OpenSSL fails to generate a key (as the engines did before pools existed).
crypto::DhPrivateKey take_or_generate(DhKeyPool* pool, Rng& rng);

}  // namespace wps::proto
