#include "cli/coverage_book.h"

#include <algorithm>
#include <chrono>

namespace straja::cli {

void CoverageBook::record(const Plot& plot) {
  if (plot.truth_id < 0) return;
  Entry& entry = entries_[plot.truth_id];
  ++entry.detections;
  entry.last = std::max(entry.last, plot.time);
}

bool CoverageBook::in_coverage(std::int64_t target, Time at) const {
  const auto it = entries_.find(target);
  return it != entries_.end() && it->second.detections >= 3 &&
         at - it->second.last <= std::chrono::seconds(15);
}

void CoverageBook::forget_all_but(std::span<const std::int64_t> live) {
  std::erase_if(entries_, [live](const auto& entry) {
    return !std::binary_search(live.begin(), live.end(), entry.first);
  });
}

}  // namespace straja::cli
