#pragma once
// ADS-B ground station (kind adsb): the reports a 1090 MHz extended-squitter receiver passes on
// (CAT021), one per ADS-B-equipped target per update interval, received with probability pd when
// the target is within max_range_m and the radio line of sight.
//
// Report times: each target broadcasts at its own phase within the interval (fixed per target,
// from the seed), jittered by up to +/-10% of the interval from report to report, so reports come
// ~1 s apart by default, never in step across targets. A report carries, at its time of
// applicability (+ the station's time bias):
//   position: the truth plus a horizontal Gaussian error whose per-axis sigma makes 95% of errors
//             fall inside the NACp's estimated position uncertainty (EPU / 2.448);
//   geometric height (GNSS): truth plus Gaussian error, sigma 1.5 x the horizontal sigma;
//   barometric altitude: the pressure altitude in 25 ft steps;
//   velocity: east/north truth plus Gaussian error with sigma NACv bound / 2.448, and the vertical
//             rate in 64 ft/min steps;
//   identity: 24-bit address, callsign, Mode 3/A code; and the NACp.

#include <random>
#include <vector>

#include "simulation/scenario.h"
#include "simulation/sensor_model.h"

namespace straja::sim {

/// 95% horizontal position bound (EPU, m) of an ADS-B NACp (0 and 1: 10 NM).
double nacp_epu_m(int nacp);
/// 95% horizontal velocity bound (m/s) of an ADS-B NACv (0, unknown: as 1, 10 m/s).
double nacv_bound_mps(int nacv);
/// Per-axis sigma of a circular Gaussian with 95% of its radial errors inside `bound_95`.
double sigma_for_95_radius(double bound_95);

class AdsbModel final : public SensorModel {
 public:
  AdsbModel(const SensorSpec& spec, SensorIndex index, const Environment& environment,
            std::uint64_t seed);

  const SensorSpec& spec() const override { return spec_; }
  double scan_period_s() const override { return spec_.adsb.update_interval_s; }

  /// Within max_range_m (slant) and the radio line of sight.
  bool receives(const geo::Geodetic& target) const;
  bool receives(const geo::Geodetic& target, const geo::Vec3& target_ecef) const;
  /// The target's broadcast phase: the fraction [0.1, 0.9) of the interval its reports fall at.
  double phase(std::uint32_t target_id) const;

  std::vector<Plot> scan(Time scan_start, const std::vector<Trajectory>& targets,
                         std::mt19937_64& rng) const override;

 private:
  SensorSpec spec_;
  SensorIndex index_;
  Environment environment_;
  std::uint64_t seed_;
  geo::LocalFrame site_;
};

}  // namespace straja::sim
