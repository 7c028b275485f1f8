#pragma once
// Online registration of radars against ADS-B: each radar's systematic errors (range offset and
// gain, azimuth offset, elevation offset, time-stamp offset) are estimated from its plots of
// aircraft whose ADS-B reports give their position, and every later plot is corrected with the
// estimate before the tracker sees it.
//
// Error model (the same as the simulator's, docs/formats/scenario.md "biases"):
//   measured range     = (1 + range_gain) * true slant range + range_m
//   measured azimuth   = true azimuth + azimuth              measured elevation = true + elevation
//   stamped time       = true time of the measurement + time_s
// Linearised about the reference (the ADS-B position at the stamped time, with its polar rates
// r', a', e'): r_meas - r_ref = range_m + range_gain * r_ref - r' * time_s, and likewise
// a_meas - a_ref = azimuth - a' * time_s, e_meas - e_ref = elevation - e' * time_s. Each pair adds
// these rows to a per-radar information matrix (weighted least squares with a weak prior), so
// the estimate and its covariance are available after every plot.
//
// Pairing: an SSR/Mode S plot with an aircraft address pairs with that address's ADS-B track;
// any other radar plot with the one ADS-B aircraft in its gate (normalised distance, measurement
// and estimate uncertainty; and no second aircraft near it). The ADS-B position is the latest
// report extrapolated with its velocity (at most max_reference_age_s).

#include <Eigen/Dense>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "geo/radar.h"
#include "report/sensor_report.h"

namespace straja::tracking {

struct RegistrationConfig {
  bool enabled = true;
  double reference_sigma_m = 30.0;   ///< ADS-B position error, per axis
  double max_reference_age_s = 1.5;  ///< extrapolate an ADS-B report at most this long
  std::size_t min_pairs = 200;       ///< plots are corrected once a radar has this many pairs
  double gate_sigmas = 4.0;          ///< pairing gate, and the outlier gate per component
  // Prior standard deviations (zero-mean) of the biases: weak, they only keep the system solvable.
  double prior_range_m = 500.0;
  double prior_range_gain = 1e-3;
  double prior_azimuth_deg = 1.0;
  double prior_elevation_deg = 1.0;
  double prior_time_s = 2.0;
};

/// One radar's estimated errors, in the error model's terms, with standard deviations.
struct BiasEstimate {
  double range_m = 0.0, range_gain = 0.0, azimuth_rad = 0.0, elevation_rad = 0.0, time_s = 0.0;
  double range_m_sigma = 0.0, range_gain_sigma = 0.0, azimuth_rad_sigma = 0.0,
         elevation_rad_sigma = 0.0, time_s_sigma = 0.0;
  bool has_elevation = false;  ///< 3D radars only
  std::size_t pairs = 0;       ///< plots paired with an ADS-B aircraft so far
  bool applied = false;        ///< pairs >= min_pairs: plots are being corrected
};

/// The rows of the linearised error model at a reference: d(measured polar)/d(bias) for the bias
/// vector (range_m, range_gain, azimuth, elevation, time_s), about zero bias, and the reference's
/// polar coordinates as the radar measures them (straight-line slant range; azimuth and apparent
/// elevation of the site's propagation model). `velocity_ecef` gives the polar rates (central
/// differences over +-50 ms).
struct RegistrationJacobian {
  geo::Polar reference;
  Eigen::Matrix<double, 3, 5> rows;  ///< range, azimuth, elevation
};
RegistrationJacobian registration_jacobian(const geo::RadarSite& site,
                                           const geo::Vec3& position_ecef,
                                           const geo::Vec3& velocity_ecef);

/// The errors of one radar: information form of the weighted least-squares problem.
class BiasEstimator {
 public:
  using Vector = Eigen::Matrix<double, 5, 1>;  ///< range_m, range_gain, azimuth, elevation, time
  using Matrix = Eigen::Matrix<double, 5, 5>;

  explicit BiasEstimator(const RegistrationConfig& config);
  /// One observed residual z = h . bias + noise (standard deviation sigma).
  void add(const Vector& h, double z, double sigma);
  Vector mean() const;
  Matrix covariance() const;

 private:
  Matrix information_;
  Vector information_vector_;
};

class SensorRegistration {
 public:
  SensorRegistration(const SensorRegistry& registry, RegistrationConfig config = {});

  /// Plots in time order (any sensor). ADS-B reports update the reference; a radar plot is
  /// paired (when it can be) and then corrected with its radar's current estimate (range,
  /// azimuth, elevation and time; the time may move by up to the time offset, so a caller
  /// holding plots in time order re-sorts them).
  void observe_and_correct(Plot& plot);

  /// Per sensor of the registry (radars only; ADS-B stations and unknown sites: nothing).
  std::optional<BiasEstimate> estimate(SensorIndex sensor) const;

 private:
  struct Reference {
    Time time{};
    geo::Vec3 position_ecef;
    geo::Vec3 velocity_ecef;
  };
  struct Radar {
    geo::RadarSite site;
    double range_sigma_m = 0.0, azimuth_sigma_rad = 0.0, elevation_sigma_rad = 0.0;
    bool three_d = false;
    BiasEstimator estimator;
    BiasEstimator::Vector mean = BiasEstimator::Vector::Zero();
    BiasEstimator::Matrix covariance;
    std::size_t pairs = 0;
  };
  void take_reference(const Plot& plot);
  void pair(Radar& radar, const Plot& plot);

  RegistrationConfig config_;
  std::vector<std::optional<Radar>> radars_;                 // by sensor index
  std::unordered_map<std::uint32_t, Reference> references_;  // by 24-bit address
};

}  // namespace straja::tracking
