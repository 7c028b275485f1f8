#pragma once
// "In coverage" as the evaluation defines it, kept scan by scan for `straja demo`: a target that
// has produced at least 3 detections in all and one within the previous 15 s. Only such truth is
// scored. The book holds one entry per target seen; forget_all_but() drops the targets that have
// left the scenario, so that over a long run it holds only the live ones.

#include <cstdint>
#include <map>
#include <span>

#include "core/time.h"
#include "report/sensor_report.h"

namespace straja::cli {

class CoverageBook {
 public:
  /// Counts a detection of the plot's target (plots without truth are ignored).
  void record(const Plot& plot);
  bool in_coverage(std::int64_t target, Time at) const;
  /// Keeps the entries of the `live` target ids (sorted ascending) only. A target appears once
  /// and disappears for good, so a target no longer live is never scored again.
  void forget_all_but(std::span<const std::int64_t> live);
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    int detections = 0;
    Time last{};
  };
  std::map<std::int64_t, Entry> entries_;
};

}  // namespace straja::cli
