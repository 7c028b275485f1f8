#pragma once
// The sensor-model interface the Simulator steps, and what the models share: the beam crossing of
// a rotating antenna, the smooth-earth line of sight, and the sensor's systematic biases.

#include <memory>
#include <optional>
#include <random>
#include <vector>

#include "geo/radar.h"
#include "report/sensor_report.h"
#include "simulation/scenario.h"
#include "simulation/trajectory.h"

namespace straja::sim {

/// No target class flies faster (m/s): bounds how far a target can move within one scan.
inline constexpr double kMaxTargetSpeedMps = 1'000.0;

class SensorModel {
 public:
  virtual ~SensorModel() = default;
  virtual const SensorSpec& spec() const = 0;
  /// One scan: an antenna rotation, or an ADS-B station's reporting interval.
  virtual double scan_period_s() const = 0;
  /// Plots of the scan that starts at `scan_start` (true time), sorted by time. Plot times are
  /// the sensor's stamps: the true time of each measurement plus the sensor's time bias.
  virtual std::vector<Plot> scan(Time scan_start, const std::vector<Trajectory>& targets,
                                 std::mt19937_64& rng) const = 0;
};

/// The model for `spec`'s kind.
std::unique_ptr<SensorModel> make_sensor_model(const SensorSpec& spec, SensorIndex index,
                                               const Scenario& scenario);

/// The terrain horizon sweep of a radar (geo::HorizonMask): a ray every 0.1 deg, a sample every
/// 200 m out to the instrumented range.
inline constexpr double kTerrainStepM = 200.0;
inline constexpr int kTerrainRays = 3600;
/// A rotating radar's tabulated geodesics (geo::GeodesicFan) reach this far beyond its
/// instrumented range, so that every target it can report is inside the table.
inline constexpr double kGeodesicTableMarginM = 20'000.0;

/// Smooth-earth line of sight: the ground distance lies within the radio horizon of the two
/// heights over an earth of radius k R (k = 4/3 with `four_thirds_earth`, else 1).
bool within_horizon(const geo::Geodetic& site, const geo::Geodetic& target, bool four_thirds_earth);
/// The same from the two heights (m above the ellipsoid, taken as the surface; negative: 0) and
/// the ground distance between them (m, geodesic).
bool within_horizon(double site_height_m, double target_height_m, double ground_distance_m,
                    bool four_thirds_earth);
/// The same, first trying the cheap sufficient test: with the antenna above the surface, a target
/// at or above its horizontal plane (geometric elevation >= 0; refraction only raises the ray's
/// end) is in sight.
bool within_horizon(const geo::LocalFrame& site, const geo::Vec3& target_ecef,
                    const geo::Geodetic& target, bool four_thirds_earth);

/// The moment the beam crosses a target, and the target's position and velocity then.
struct BeamHit {
  Time time{};
  Trajectory::Sample sample;
};

/// When the beam of an antenna turning clockwise from north at `scan_start`, once per `period_s`,
/// crosses the target, if within [scan_start, scan_start + period_s), with the target's sample
/// then. `guess` is the target's sample at `guess_time` (any instant of the scan; the caller has
/// it already for its range gate): the crossing is first found on the straight line through it,
/// then refined on the exact trajectory, so that a straight flight costs one more trajectory
/// evaluation and a tight turn two. The returned sample is the trajectory's to within 1e-6 m.
std::optional<BeamHit> beam_hit(const geo::RadarSite& site, double period_s,
                                const Trajectory& target, Time scan_start, Time guess_time,
                                const Trajectory::Sample& guess);

/// What a radar at `site` measures of a target at `target_ecef` before noise and biases: the
/// geometric slant range (the straight-line distance: refraction bends the ray, it barely
/// lengthens it), and the azimuth and apparent elevation of `site`'s propagation model. (The
/// 4/3-earth model's own range, the straight line over the effective earth, is up to ~40 m short
/// of the true distance at 250 km and 10 km height.)
geo::Polar true_polar(const geo::RadarSite& site, const geo::Vec3& target_ecef);
/// The same with the target's geodetic coordinates known (ecef_to_geodetic(target_ecef)).
geo::Polar true_polar(const geo::RadarSite& site, const geo::Vec3& target_ecef,
                      const geo::Geodetic& target);

/// The biases' effect on true polar coordinates (docs/formats/scenario.md, sensor biases):
/// range (1 + range_gain) r + range_m, azimuth + azimuth_deg (wrapped), elevation + elevation_deg.
geo::Polar biased(const geo::Polar& truth, const SensorBiases& biases);

}  // namespace straja::sim
