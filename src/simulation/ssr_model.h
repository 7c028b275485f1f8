#pragma once
// Rotating secondary surveillance radar with Mode S (kind ssr): one rotation's replies, stamped
// when the beam crosses each target, in azimuth order. 2D: slant range (from the reply delay) and
// azimuth (monopulse), with Gaussian noise and the sensor's biases. Only transponder-equipped
// targets answer, each scan with probability pd, when in coverage (range, elevation limits, the
// radio horizon). A reply carries the Mode 3/A code and the pressure altitude (Mode C: 100 ft
// steps; Mode S: 25 ft), and for Mode S the 24-bit address and the callsign. No false replies
// (FRUIT), garbling or reflections are simulated.

#include <memory>
#include <random>
#include <vector>

#include "geo/radar.h"
#include "geo/terrain.h"
#include "simulation/scenario.h"
#include "simulation/sensor_model.h"

namespace straja::sim {

/// Inside the SSR's range (slant, m) and elevation limits (apparent elevation, rad); the horizon
/// and terrain are the caller's.
bool ssr_within_limits(const SsrParameters& parameters, double range_m, double elevation_rad);

class SsrModel final : public SensorModel {
 public:
  SsrModel(const SensorSpec& spec, SensorIndex index, const Environment& environment);

  const SensorSpec& spec() const override { return spec_; }
  double scan_period_s() const override { return spec_.ssr.rotation_period_s; }

  /// Within range, the elevation limits and the radio horizon.
  bool covers(const geo::Geodetic& target) const;
  /// The same with the target's ECEF position and true polar coordinates (true_polar) known.
  bool covers(const geo::Geodetic& target, const geo::Vec3& target_ecef,
              const geo::Polar& polar) const;

  std::vector<Plot> scan(Time scan_start, const std::vector<Trajectory>& targets,
                         std::mt19937_64& rng) const override;

 private:
  SensorSpec spec_;
  SensorIndex index_;
  Environment environment_;
  std::shared_ptr<const geo::HorizonMask> terrain_mask_;  ///< when the scenario has terrain
  geo::RadarSite site_;
};

}  // namespace straja::sim
