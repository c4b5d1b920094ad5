// Small statistics shared by the commands that print figures (`wpslab sweep`, `wpslab run crowd`).
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

namespace wpslab {

/// Nearest-rank percentile of sorted values (p in 0..100); 0 for none.
inline double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  rank = std::clamp<std::size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}

}  // namespace wpslab
