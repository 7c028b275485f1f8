#pragma once
// Posterior Cramer-Rao lower bound (PCRLB) of a target's position along its true trajectory, by
// Tichavsky's recursion in information form, for a nearly-constant-velocity motion model (state
// [east, north, up, v_east, v_north, v_up] in the evaluation's ENU frame, continuous white-noise
// acceleration with power spectral densities `accel_psd` (east, north, up) in m^2/s^3):
//   J(k+1) = (Q + F J(k)^-1 F^T)^-1 + sum over the measurements at k+1 of q H^T R^-1 H,
// where q is the information-reduction factor (IRF) of a sensor with detection probability Pd < 1
// and clutter (Niu, Willett and Bar-Shalom's scalar IRF, computed by Monte Carlo integration).
// With Pd = 1 and no clutter (q = 1) and a linear measurement, the bound equals the Kalman
// filter's covariance.

#include <Eigen/Core>
#include <cstdint>

namespace straja::evaluation {

using Matrix6 = Eigen::Matrix<double, 6, 6>;
using Vector6 = Eigen::Matrix<double, 6, 1>;

/// The IRF q in [0, Pd] of a sensor measuring `dims` dimensions, with detection probability `pd`
/// and clutter of `clutter_density` false measurements per unit volume of the measurement space
/// normalised by the measurement noise (physical density x sqrt(det R)). Gate: 4 sigma.
/// Deterministic (fixed seed); q = pd exactly without clutter.
double information_reduction_factor(double pd, double clutter_density, int dims,
                                    int samples = 20000);

/// q H^T R^-1 H: the information one measurement adds about the state.
Matrix6 measurement_information(const Eigen::MatrixXd& h, const Eigen::MatrixXd& r, double q);

class PcrlbRecursion {
 public:
  /// `initial` is the prior covariance at `time_s` (large for an uninformative start).
  PcrlbRecursion(double time_s, const Matrix6& initial_covariance,
                 const Eigen::Vector3d& accel_psd);

  /// Moves the bound to `time_s` (>= the current time) through the motion model.
  void predict_to(double time_s);
  /// Adds one measurement's information at the current time.
  void add(const Matrix6& information);

  double time() const { return time_; }
  /// The bound on the state error covariance, J^-1.
  Matrix6 bound() const;

 private:
  double time_;
  Eigen::Vector3d accel_psd_;
  Matrix6 information_;
};

}  // namespace straja::evaluation
