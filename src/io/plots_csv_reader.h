#pragma once
// Reading plots.csv (docs/formats/plots.md) back into Plots for a tracker. Rows that cannot be
// used (a number that does not parse or is not finite, an unknown sensor, a kind that disagrees
// with the sensor's) are skipped and counted, the first such row's error kept for the user; rows
// out of time order are put back in order (stable) and counted. Nothing is dropped silently.

#include <string>
#include <vector>

#include "core/result.h"
#include "report/sensor_report.h"

namespace straja::io {

struct PlotsCsv {
  std::vector<Plot> plots;       ///< in time order
  std::size_t rejected = 0;      ///< rows skipped
  std::string first_rejection;   ///< "FILE:LINE: field F: problem" of the first skipped row
  std::size_t out_of_order = 0;  ///< rows earlier than the row before them (reordered)
};

/// Errors (the whole file unusable): cannot open, no header, a required column missing.
Result<PlotsCsv> read_plots_csv(const std::string& path, const SensorRegistry& registry);

}  // namespace straja::io
