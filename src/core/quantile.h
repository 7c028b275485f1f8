#pragma once
// The q-quantile of a sample, nearest rank on the sorted values (index round(q (n - 1))): what
// the live status line and `straja track --stats` report as p50 and p99.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

namespace straja {

/// The 0-based index round(q (size - 1)) of the q-quantile among `size` sorted values (size >= 1).
inline std::size_t nearest_rank(double q, std::size_t size) {
  return static_cast<std::size_t>(std::lround(q * static_cast<double>(size - 1)));
}

/// `values` is taken by value and reordered; it must not be empty; q in [0, 1].
inline double nearest_rank_quantile(std::vector<double> values, double q) {
  const std::size_t k = nearest_rank(q, values.size());
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
  return values[k];
}

/// A sample given as runs of equal values, (value, count >= 1), a value possibly in several
/// runs: nearest_rank_quantile of the sample written out, without writing it out. Not empty.
inline double nearest_rank_quantile(std::vector<std::pair<double, std::size_t>> runs, double q) {
  std::size_t size = 0;
  for (const auto& run : runs) size += run.second;
  const std::size_t k = nearest_rank(q, size);
  std::sort(runs.begin(), runs.end());
  std::size_t below = 0;  // values before the run
  for (const auto& [value, count] : runs) {
    if (k < below + count) return value;
    below += count;
  }
  return runs.back().first;
}

}  // namespace straja
