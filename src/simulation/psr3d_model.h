#pragma once
// Rotating 3D primary radar (kind psr3d): one rotation's plots, time-stamped when the beam
// crosses each target, in azimuth order, with Swerling 1 detection from the radar equation,
// the 4/3-earth horizon and Poisson false alarms. Primary only: no identity, no altitude report.
//
// Detection model. Single-look SNR scales with the radar equation, SNR = SNR_ref * (sigma / 1 m^2)
// * (R_ref / R)^4, where SNR_ref is the SNR that gives pd_at_reference at reference_range_m for a
// 1 m^2 target. For a Swerling 1 target and a square-law detector at false-alarm probability
// Pfa, Pd = Pfa^(1 / (1 + SNR)); so SNR_ref = ln(Pfa) / ln(Pd_ref) - 1. sigma is the target's
// mean RCS for its aspect (target_class.h).

#include <memory>
#include <random>
#include <vector>

#include "geo/radar.h"
#include "geo/terrain.h"
#include "report/sensor_report.h"
#include "simulation/scenario.h"
#include "simulation/sensor_model.h"
#include "simulation/trajectory.h"

namespace straja::sim {

/// Pd of a Swerling 1 target with mean single-look SNR `snr` (linear) at false-alarm probability
/// `pfa`.
double swerling1_pd(double snr, double pfa);

/// The 3D radar's detection model apart from geometry: the instrumented limits (range, elevation,
/// ceiling) and Swerling 1 detection from the radar equation at the reference range. Psr3dModel
/// applies it to simulated targets; the coverage audit (src/coverage) to grid cells.
class Psr3dDetection {
 public:
  explicit Psr3dDetection(const Psr3dParameters& parameters);

  /// Inside the instrumented range (slant, m), the elevation limits (apparent elevation, rad) and
  /// under the ceiling (height, m). The horizon and terrain are the caller's.
  bool within_limits(double range_m, double elevation_rad, double height_m) const;
  /// Pd of a target of mean RCS `rcs_m2` at slant range `range_m` (radar equation + Swerling 1),
  /// limits not applied.
  double pd_at_range(double range_m, double rcs_m2) const;
  /// The slant range (m) at which the radar equation gives `pd` for `rcs_m2` (limits not
  /// applied): R_ref * (sigma SNR_ref / SNR(pd))^(1/4), SNR(pd) = ln(Pfa) / ln(pd) - 1.
  double range_for_pd(double pd, double rcs_m2) const;

  const Psr3dParameters& parameters() const { return parameters_; }

 private:
  Psr3dParameters parameters_;
  double log_pfa_;        ///< ln(pfa): Swerling 1 Pd = exp(ln(pfa) / (1 + snr))
  double snr_reference_;  ///< single-look SNR of 1 m^2 at the reference range
};

class Psr3dModel final : public SensorModel {
 public:
  /// With `terrain`, a target is detected only where the antenna's line of sight over the terrain
  /// reaches it (geo::HorizonMask, built once here).
  Psr3dModel(const SensorSpec& spec, SensorIndex index,
             std::shared_ptr<const geo::Terrain> terrain = nullptr);

  const SensorSpec& spec() const override { return spec_; }
  double scan_period_s() const override { return spec_.psr3d.rotation_period_s; }
  double rotation_period_s() const { return spec_.psr3d.rotation_period_s; }

  /// Mean detection probability of a target of `rcs_m2` (Swerling 1 mean, already scaled for
  /// aspect) at the given position (0 outside coverage: beyond range, under the horizon, outside
  /// the elevation limits, above the ceiling).
  double detection_probability(const geo::Geodetic& target, double rcs_m2) const;
  /// The same with the target's ECEF position and true polar coordinates (true_polar) known.
  double detection_probability(const geo::Geodetic& target, const geo::Vec3& target_ecef,
                               const geo::Polar& polar, double rcs_m2) const;

  /// Plots of the rotation that starts at `scan_start` (azimuth 0, true north), sorted by time.
  /// Only targets alive when the beam crosses them are seen.
  std::vector<Plot> scan(Time scan_start, const std::vector<Trajectory>& targets,
                         std::mt19937_64& rng) const override;

 private:
  /// RCS aspect factor (target_class.h) for the target's velocity and the line of sight.
  double aspect_factor(const Trajectory& target, const Trajectory::Sample& sample) const;

  SensorSpec spec_;
  SensorIndex index_;
  geo::RadarSite site_;  // apparent (refracted) polar coordinates when four_thirds_earth
  Psr3dDetection detection_;
  std::shared_ptr<const geo::HorizonMask> terrain_mask_;
};

}  // namespace straja::sim
