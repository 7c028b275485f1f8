#pragma once
// The q-quantile of a sample, nearest rank on the sorted values (index round(q (n - 1))): what
// the live status line and `straja track --stats` report as p50 and p99.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace straja {

/// `values` is taken by value and reordered; it must not be empty; q in [0, 1].
inline double nearest_rank_quantile(std::vector<double> values, double q) {
  const auto k = static_cast<std::size_t>(std::lround(q * static_cast<double>(values.size() - 1)));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
  return values[k];
}

}  // namespace straja
