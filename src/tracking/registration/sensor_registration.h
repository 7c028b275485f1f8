#pragma once
// Online registration of radars against ADS-B and against each other: each radar's systematic
// errors (range offset and gain, azimuth offset, elevation offset, time-stamp offset) are
// estimated from its plots of aircraft whose ADS-B reports give their position and from targets
// that two radars see, and every later plot is corrected with the estimate before the tracker
// sees it.
//
// Error model (the same as the simulator's, docs/formats/scenario.md "biases"):
//   measured range     = (1 + range_gain) * true slant range + range_m
//   measured azimuth   = true azimuth + azimuth              measured elevation = true + elevation
//   stamped time       = true time of the measurement + time_s
// Linearised about the reference (the ADS-B position at the stamped time, with its polar rates
// r', a', e'): r_meas - r_ref = range_m + range_gain * r_ref - r' * time_s, and likewise
// a_meas - a_ref = azimuth - a' * time_s, e_meas - e_ref = elevation - e' * time_s. Each pair adds
// these rows to the radar's block of one joint information matrix over all radars (weighted least
// squares with a weak prior), so the estimate and its covariance are available after every plot.
//
// Radar-to-radar pairs: radar B's two plots of one target on consecutive scans (t0 < t1) bracket
// radar A's plot of it (t0 < tA <= t1); B's positions interpolated to A's stamped time give q,
// and the residual z = A's measured polar coordinates - A's polar coordinates of q is linear in
// both radars' errors: z = H_A bias_A - J_A G_B H_B bias_B (J_A: d A's polar / d position at q;
// G_B: d position / d B's measured coordinates; H_A, H_B: the rows above at q with the target's
// velocity between B's plots). B is the 3D radar when one of the two is, else the one with the
// higher sensor index; an SSR's third coordinate is the height of its Mode C altitude (the
// pressure altitude taken as a height, with barometric_height_sigma_m of error). Such pairs
// determine the radars' differences well; their absolute values only through geometry (the same
// error looks different from two sites) and ADS-B, which the covariance shows.
//
// Pairing: an SSR/Mode S plot with an aircraft address pairs with that address's ADS-B track;
// any other radar plot with the one ADS-B aircraft in its gate (normalised distance, measurement
// and estimate uncertainty; and no second aircraft near it). The ADS-B position is the latest
// report extrapolated with its velocity (at most max_reference_age_s). Radar-to-radar: plots of
// the same target have the same 24-bit address (when both have one), else the same Mode 3/A
// (when both have one) and are the only candidates in their gates: B's previous-scan plot within
// max_speed_mps of travel, A's plot within gate_sigmas of the interpolated position and no other
// of A's plots within three times that distance.

#include <Eigen/Dense>
#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>
#include <utility>
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
  // Radar-to-radar pairs.
  bool radar_pairs = true;
  double max_speed_mps = 350.0;              ///< B's consecutive plots of one target: travel gate
  double interpolation_sigma_m = 30.0;       ///< straight-line interpolation error, per axis
  double barometric_height_sigma_m = 150.0;  ///< an SSR's Mode C altitude taken as a height
  /// Radar-to-radar pairs tried (the candidates' Jacobians computed) at most this often per
  /// two radars, and per radar bracketing the others' plots with all of them together, in bursts
  /// of up to ten seconds' worth: bounds the cost where many radars overlap. A radar out of tries
  /// does not even search.
  double radar_pair_rate_per_s = 20.0;
  double radar_pair_rate_per_radar_per_s = 50.0;
};

/// One radar's estimated errors, in the error model's terms, with standard deviations.
struct BiasEstimate {
  double range_m = 0.0, range_gain = 0.0, azimuth_rad = 0.0, elevation_rad = 0.0, time_s = 0.0;
  double range_m_sigma = 0.0, range_gain_sigma = 0.0, azimuth_rad_sigma = 0.0,
         elevation_rad_sigma = 0.0, time_s_sigma = 0.0;
  bool has_elevation = false;   ///< 3D radars only
  std::size_t pairs = 0;        ///< plots paired with an ADS-B aircraft so far
  std::size_t radar_pairs = 0;  ///< plots paired with another radar's plots so far
  bool applied = false;         ///< pairs + radar_pairs >= min_pairs: plots are being corrected
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

/// Coordinates of a position as a radar measures it: straight-line slant range, azimuth and, for a
/// 3D radar, the apparent elevation of its propagation model, for an SSR the height above the
/// ellipsoid (what its Mode C altitude gives). `radar_coordinates` and `radar_position` are
/// inverses of each other (to under a centimetre).
Eigen::Vector3d radar_coordinates(const geo::RadarSite& site, bool three_d,
                                  const geo::Vec3& position_ecef);
geo::Vec3 radar_position(const geo::RadarSite& site, bool three_d,
                         const Eigen::Vector3d& coordinates);

/// The linearised radar-to-radar residual at q (B's positions interpolated to A's stamped time,
/// the target moving at `velocity_ecef`): z = A's measured (range, azimuth, elevation) - A's polar
/// coordinates of q = a_rows * bias_A + b_rows * bias_B. `g_b` = d position / d B's coordinates
/// (radar_coordinates) at q, `j_a` = d A's polar / d position (closed form: the line of sight, the
/// site's ENU polar Jacobian, for an SSR the ellipsoid normal).
/// For an SSR A the elevation row is zero.
struct PairJacobian {
  geo::Polar predicted;  ///< A's polar coordinates of q (measured_polar)
  Eigen::Matrix<double, 3, 5> a_rows;
  Eigen::Matrix<double, 3, 5> b_rows;
  Eigen::Matrix3d j_a;
  Eigen::Matrix3d g_b;
};
PairJacobian pair_jacobian(const geo::RadarSite& a, bool a_three_d, const geo::RadarSite& b,
                           bool b_three_d, const geo::Vec3& q_ecef, const geo::Vec3& velocity_ecef);

/// The errors of all radars: one weighted least-squares problem, five unknowns per radar
/// (range_m, range_gain, azimuth, elevation, time_s), with a weak zero-mean prior. Kept in both of
/// its forms: the information, summed residual by residual (exact), and the estimate with its
/// covariance, brought up to date after every residual by the equivalent covariance-form
/// (Kalman) update, whose cost grows with the square of the number of unknowns. `solve`
/// recomputes the estimate from the information (with the cube): called now and then, it keeps
/// the covariance form's rounding from accumulating.
class JointBiasEstimator {
 public:
  using Vector = Eigen::Matrix<double, 5, 1>;
  using Matrix = Eigen::Matrix<double, 5, 5>;
  using Rows = Eigen::Matrix<double, 3, 5>;

  JointBiasEstimator(std::size_t radars, const RegistrationConfig& config);
  /// Residual z = rows * bias_radar + noise with information `weight` (inverse covariance; a
  /// row it gives no weight adds nothing).
  void add(std::size_t radar, const Rows& rows, const Eigen::Vector3d& z,
           const Eigen::Matrix3d& weight);
  /// Residual z = a_rows * bias_a + b_rows * bias_b + noise (a != b).
  void add_pair(std::size_t a, const Rows& a_rows, std::size_t b, const Rows& b_rows,
                const Eigen::Vector3d& z, const Eigen::Matrix3d& weight);
  /// Recomputes the estimate and its covariance from the information so far.
  void solve();

  Vector mean(std::size_t radar) const {
    return mean_.segment<5>(5 * static_cast<Eigen::Index>(radar));
  }
  Matrix covariance(std::size_t a, std::size_t b) const {
    return covariance_.block<5, 5>(5 * static_cast<Eigen::Index>(a),
                                   5 * static_cast<Eigen::Index>(b));
  }

 private:
  /// The covariance-form update for a residual on one radar's block (b_rows null) or two.
  void update_estimate(Eigen::Index at_a, const Rows& a_rows, Eigen::Index at_b, const Rows* b_rows,
                       const Eigen::Vector3d& z, const Eigen::Matrix3d& weight);

  Eigen::MatrixXd information_;
  Eigen::VectorXd information_vector_;
  Eigen::VectorXd mean_;
  Eigen::MatrixXd covariance_;
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
    double rotation_period_s = 0.0;
    double max_range_m = 0.0;  ///< 0: not known
    bool three_d = false;
    std::size_t block = 0;  ///< the radar's place in the joint problem
    JointBiasEstimator::Vector mean = JointBiasEstimator::Vector::Zero();
    JointBiasEstimator::Matrix covariance;
    std::size_t pairs = 0;
    std::size_t radar_pairs = 0;
  };
  /// A radar plot kept a few scans for radar-to-radar pairing: raw (uncorrected) measurement.
  struct Recent {
    Time time{};  ///< as stamped
    std::size_t sensor = 0;
    Eigen::Vector3d measured;  ///< range, azimuth, elevation (3D) or height (SSR)
    geo::Vec3 position_ecef;   ///< radar_position of `measured`
    std::optional<IcaoAddress> icao;
    std::optional<Mode3A> mode3a;
    /// The target's velocity: the mean of the position differences along the chain of this
    /// radar's plots of it (the latest kVelocityMemory at most), far less noisy than one
    /// difference and nearly independent of this plot's noise. Valid when links > 0.
    geo::Vec3 velocity_ecef = geo::Vec3::Zero();
    std::uint32_t links = 0;  ///< plots before this one in the chain
  };
  void take_reference(const Plot& plot);
  void pair(Radar& radar, const Plot& plot);
  void pair_with_radars(std::size_t sensor, const Plot& plot);
  /// Radar `other`'s plot among `candidates` (its kept plots near them) between two plots of
  /// one target by radar later.sensor.
  void pair_bracketed(const Recent& earlier, const Recent& later, std::size_t other,
                      std::span<const Recent* const> candidates);
  /// Whether a position is within the radar's max_range_m (and a margin; any without one).
  static bool covers(const Radar& radar, const geo::Vec3& position_ecef);
  /// After a pair: the radars' estimates from the joint one, which is re-solved from its
  /// information at most once a second of recording.
  void solve(Time now);
  /// The grid cells overlapping the square of side 2 radius_m about a position (in the grid's
  /// plane: projecting onto it only shortens distances, so every plot within radius_m is in them).
  struct CellRange {
    std::int64_t x_begin = 0, x_end = 0, y_begin = 0, y_end = 0;  ///< inclusive
    bool contains(std::int64_t x, std::int64_t y) const {
      return x >= x_begin && x <= x_end && y >= y_begin && y <= y_end;
    }
  };
  CellRange cells_near(const geo::Vec3& ecef, double radius_m) const;
  /// Clears wanted_ and nearby_of_ for the next recent_near.
  void new_search();
  /// Every radar's kept plots stamped in [from, to] in the cells of its range in `wanted` (by
  /// sensor; radars without one are skipped), appended to nearby_of_[sensor] in cell order (x,
  /// then y), then time order: one pass over the cells for all radars.
  void recent_near(std::span<const std::optional<CellRange>> wanted, Time from, Time to);
  /// How far (m, horizontally) radar A's plot may be from B's interpolated position near
  /// `position_ecef` to be a candidate.
  double coarse_gate(const Radar& a, const Radar& b, const geo::Vec3& position_ecef) const;
  /// The grid cell (x, y) of a position, and the cell's key in recent_.
  std::pair<std::int64_t, std::int64_t> cell_of(const geo::Vec3& ecef) const;
  static std::int64_t cell_key(std::int64_t x, std::int64_t y);
  /// Whether radar `sensor`'s consecutive plots bracket radar `other`'s in their pairs: the 3D
  /// radar when one of the two is, else the higher sensor index.
  bool brackets(std::size_t sensor, std::size_t other) const;
  /// Standard deviation (m, both horizontal axes together) of a plot's position at range_m:
  /// measurement noise and the current estimate's uncertainty.
  double position_spread(const Radar& radar, double range_m) const;

  RegistrationConfig config_;
  std::vector<std::optional<Radar>> radars_;                 // by sensor index
  std::unordered_map<std::uint32_t, Reference> references_;  // by 24-bit address
  JointBiasEstimator joint_;
  std::size_t blocks_ = 0;
  std::optional<Time> last_solve_;
  // Recent radar plots by cell of a horizontal grid in the first radar's ENU frame, then by radar
  // (one lookup per cell finds every radar's plots there).
  geo::LocalFrame grid_frame_;
  double cell_m_ = 10'000.0;
  double keep_s_ = 15.0;  ///< how long a plot is kept (1.5 rotations of the slowest radar)
  struct RadarPlots {
    std::size_t sensor = 0;
    std::vector<Recent> plots;  ///< in time order (bisected for a time window)
  };
  using Cell = std::vector<RadarPlots>;
  std::unordered_map<std::int64_t, Cell> recent_;
  std::optional<Time> last_sweep_;
  std::vector<std::vector<const Recent*>> nearby_of_;  // recent_near's answer, by sensor
  std::vector<std::optional<CellRange>> wanted_;       // its question, by sensor
  /// Per two radars (bracketing sensor * sensors + other): tries left, refilled with time.
  struct Budget {
    double tries = 0.0;
    std::optional<Time> refilled;
  };
  std::vector<Budget> budgets_;
  std::vector<Budget> radar_budgets_;  // per bracketing radar, all others together
  /// The tries left to radar `sensor` bracketing radar `other`'s plots (other == sensors_: all
  /// others together), refilled up to now.
  Budget& refilled_budget(std::size_t sensor, std::size_t other, Time now);
  std::size_t sensors_ = 0;
};

}  // namespace straja::tracking
