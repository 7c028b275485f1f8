#pragma once
// Barometric altitudes (SSR Mode C / Mode S, ADS-B flight levels) differ from geometric heights
// by the weather: hundreds of metres at cruise levels. ADS-B reports that carry both a barometric
// and a geometric (GNSS) altitude measure the difference; this fits it as a straight line in the
// barometric altitude (least squares, cumulative, at least kMinimumReports reports) and turns the
// barometric altitudes the tracker would otherwise take as heights into geometric ones.
//
// Used the same way by `straja track` (learn from the whole recording, then correct) and by
// `straja demo` (learn from each batch as it arrives, then correct that batch).

#include <cstddef>
#include <span>

#include "report/sensor_report.h"

namespace straja::tracking {

class BarometricCorrection {
 public:
  static constexpr std::size_t kMinimumReports = 20;

  /// Learns from an ADS-B plot with both a barometric alt_m and a geo_alt_m; ignores any other.
  void learn(const Plot& plot);
  void learn(std::span<const Plot> plots);

  std::size_t reports() const { return static_cast<std::size_t>(n_); }
  bool ready() const { return reports() >= kMinimumReports; }
  /// Geometric minus barometric altitude at that pressure altitude, metres (0 until ready).
  double offset_m(double barometric_m) const;

  /// Until ready, changes nothing and returns false. Then: an SSR plot's barometric alt_m becomes
  /// a geometric height (alt_kind geometric); an ADS-B plot with a barometric alt_m and no
  /// geo_alt_m gets the corrected height as its geo_alt_m. Returns whether the plot changed.
  bool correct(Plot& plot) const;

 private:
  double n_ = 0, sx_ = 0, sy_ = 0, sxx_ = 0, sxy_ = 0;
};

}  // namespace straja::tracking
