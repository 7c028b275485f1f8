#include "simulation/scan_merger.h"

#include <utility>

namespace straja::sim {

void ScanMerger::add(std::vector<Plot> plots) {
  if (plots.empty()) return;
  pending_ += plots.size();
  scans_.push_back({std::move(plots), 0});
}

void ScanMerger::drop_taken_scans() {
  std::erase_if(scans_, [](const Scan& scan) { return scan.next == scan.plots.size(); });
}

}  // namespace straja::sim
