#pragma once
// ScanMerger: the plots of many scans (each sorted by time, several sensors' scans interleaving)
// into one time order, handed out as soon as no scan still to come can stamp an earlier plot.

#include <cstddef>
#include <deque>
#include <vector>

#include "report/sensor_report.h"

namespace straja::sim {

class ScanMerger {
 public:
  /// Queues one scan's plots, which must be sorted by time.
  void add(std::vector<Plot> plots);
  /// Plots queued and not yet taken.
  std::size_t pending() const { return pending_; }
  /// Moves out every queued plot stamped before `threshold`, in time order; ties in the order
  /// their scans were added, then in their order within the scan (i.e. sorted by time, then by
  /// the order of arrival). Costs O(plots taken x scans queued), never touches the plots kept.
  std::vector<Plot> take_before(Time threshold);

 private:
  struct Scan {
    std::vector<Plot> plots;
    std::size_t next = 0;  // first plot not yet taken
  };
  std::deque<Scan> scans_;  // in the order added
  std::size_t pending_ = 0;
};

}  // namespace straja::sim
