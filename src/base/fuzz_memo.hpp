// Fuzzing builds only (FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION, the libFuzzer convention, which
// cmake/modules.cmake defines with WPSLAB_FUZZ=ON and never otherwise): a bounded memo for pure,
// costly computations that fuzz inputs repeat (group-5 exponentiations, the analyzer's Pixie Dust
// search), so the targets spend their time in the code under test. Values are the ones the
// computation produced; only repeats are skipped. Cleared when full; not thread-safe (libFuzzer
// runs one input at a time). Other builds see nothing of it.
#pragma once

#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
#include <cstddef>
#include <map>
#include <utility>

namespace wps {

template <typename Key, typename Value, std::size_t Capacity = 256>
class FuzzMemo {
 public:
  const Value* find(const Key& k) const {
    auto it = m_.find(k);
    return it == m_.end() ? nullptr : &it->second;
  }
  void put(Key k, Value v) {
    if (m_.size() >= Capacity) m_.clear();
    m_.emplace(std::move(k), std::move(v));
  }

 private:
  std::map<Key, Value> m_;
};

}  // namespace wps
#endif
