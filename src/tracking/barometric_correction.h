#pragma once
// Barometric altitudes (SSR Mode C / Mode S, ADS-B flight levels) differ from geometric heights
// by the weather: hundreds of metres at cruise levels. Two sources say by how much:
//   - the configured atmosphere of the day (QNH, ISA temperature deviation, geoid height:
//     geo/atmosphere.h), which turns a pressure altitude into a height above the ellipsoid;
//   - ADS-B reports that carry both a barometric and a geometric (GNSS) altitude, which measure
//     what the configured atmosphere still gets wrong: that residual is fitted as a straight line
//     in the barometric altitude (least squares, cumulative, at least kMinimumReports reports).
// A barometric altitude becomes the configured atmosphere's height plus the learnt residual
// (once learnt), so the tracker never takes a flight level for a height.
//
// Used the same way by `straja track` (learn from the whole recording, then correct) and by the
// live runs and `straja demo` (learn from each batch as it arrives, then correct that batch).

#include <cstddef>
#include <span>

#include "geo/atmosphere.h"
#include "report/sensor_report.h"

namespace straja::tracking {

/// How the tracker turns barometric altitudes into heights (tracker configuration `altitude:`).
struct AltitudeConfig {
  geo::Atmosphere atmosphere;   ///< the day's QNH, temperature deviation and geoid height
  bool learn_from_adsb = true;  ///< fit the residual from ADS-B reports with both altitudes
};

class BarometricCorrection {
 public:
  static constexpr std::size_t kMinimumReports = 20;

  explicit BarometricCorrection(AltitudeConfig config = {}) : config_(config) {}

  /// Learns from an ADS-B plot with both a barometric alt_m and a geo_alt_m; ignores any other,
  /// and every plot when learning from ADS-B is off.
  void learn(const Plot& plot);
  void learn(std::span<const Plot> plots);

  std::size_t reports() const { return static_cast<std::size_t>(n_); }
  /// Enough ADS-B reports to use the learnt residual.
  bool ready() const { return reports() >= kMinimumReports; }
  /// Whether correct() changes plots: a configured (non-standard) atmosphere, or ready().
  bool active() const { return !config_.atmosphere.standard() || ready(); }
  /// Geometric (above the ellipsoid) minus barometric altitude at that pressure altitude,
  /// metres: the configured atmosphere's, plus the learnt residual once ready.
  double offset_m(double barometric_m) const;
  /// The learnt residual alone (0 until ready).
  double learnt_residual_m(double barometric_m) const;

  /// Until active, changes nothing and returns false. Then: an SSR plot's barometric alt_m
  /// becomes a geometric height (alt_kind geometric); an ADS-B plot with a barometric alt_m and
  /// no geo_alt_m gets the corrected height as its geo_alt_m. Returns whether the plot changed.
  bool correct(Plot& plot) const;

 private:
  AltitudeConfig config_;
  double n_ = 0, sx_ = 0, sy_ = 0, sxx_ = 0, sxy_ = 0;
};

}  // namespace straja::tracking
