#include "simulation/scan_merger.h"

#include <algorithm>
#include <cstddef>
#include <utility>

namespace straja::sim {

void ScanMerger::add(std::vector<Plot> plots) {
  if (plots.empty()) return;
  pending_ += plots.size();
  scans_.push_back({std::move(plots), 0});
}

std::vector<Plot> ScanMerger::take_before(Time threshold) {
  // Each scan is sorted: how many plots go is known before any moves.
  std::size_t count = 0;
  for (const Scan& scan : scans_) {
    const auto first = scan.plots.begin() + static_cast<std::ptrdiff_t>(scan.next);
    count += static_cast<std::size_t>(
        std::partition_point(first, scan.plots.end(),
                             [&](const Plot& plot) { return plot.time < threshold; }) -
        first);
  }
  std::vector<Plot> taken;
  taken.reserve(count);
  while (taken.size() < count) {
    // The scan whose next plot is earliest; a strict comparison keeps the earliest-added scan on
    // ties. Few scans are queued at a time (about one per sensor), so a linear pick is cheapest.
    Scan* earliest = nullptr;
    for (Scan& scan : scans_) {
      if (scan.next < scan.plots.size() &&
          (!earliest || scan.plots[scan.next].time < earliest->plots[earliest->next].time)) {
        earliest = &scan;
      }
    }
    taken.push_back(std::move(earliest->plots[earliest->next++]));
  }
  pending_ -= taken.size();
  std::erase_if(scans_, [](const Scan& scan) { return scan.next == scan.plots.size(); });
  return taken;
}

}  // namespace straja::sim
