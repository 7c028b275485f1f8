#pragma once
// ScanMerger: the plots of many scans (each sorted by time, several sensors' scans interleaving)
// into one time order, handed out as soon as no scan still to come can stamp an earlier plot.
// The plots stay where their scans put them: each is visited in place, never copied.

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
  /// Calls `visit(const Plot&)` for every queued plot stamped before `threshold`, in time
  /// order; ties in the order their scans were added, then in their order within the scan (i.e.
  /// sorted by time, then by the order of arrival). Those plots are then dropped. Costs
  /// O(plots taken x scans queued): meant for about one queued scan per sensor.
  template <typename Visit>
  void take_before(Time threshold, Visit&& visit) {
    for (;;) {
      // The scan whose next plot is earliest; a strict comparison keeps the earliest-added scan
      // on ties.
      Scan* earliest = nullptr;
      for (Scan& scan : scans_) {
        if (scan.next < scan.plots.size() &&
            (!earliest || scan.plots[scan.next].time < earliest->plots[earliest->next].time)) {
          earliest = &scan;
        }
      }
      if (!earliest || !(earliest->plots[earliest->next].time < threshold)) break;
      visit(earliest->plots[earliest->next++]);
      --pending_;
    }
    drop_taken_scans();
  }

 private:
  struct Scan {
    std::vector<Plot> plots;
    std::size_t next = 0;  // first plot not yet taken
  };
  void drop_taken_scans();

  std::deque<Scan> scans_;  // in the order added
  std::size_t pending_ = 0;
};

}  // namespace straja::sim
