#pragma once
// The per-track filters a tracker can be built with (BasicGnnTracker<Filter>). A Filter is a
// small value type with
//   State                                          the track's belief
//   MeasurementPrediction                          what a predicted State says z will be
//   Innovation                                     a plot against it; has mahalanobis_squared
//                                                  (nu^T S^-1 nu) and log_det_covariance (ln |S|)
//   State predict(const State&, Time) const
//   MeasurementPrediction predict_measurement(const State&, const MeasurementModel&) const
//   Innovation innovate(const MeasurementPrediction&, const Vec3& z, const MeasurementModel&) const
//   State update(const State& predicted, const MeasurementPrediction&, const Innovation&,
//                const MeasurementModel&) const    the prediction's own measurement prediction
//   State pda_update(const State& predicted, const MeasurementPrediction&,
//                    std::span<const WeightedInnovation<Innovation>>,
//                    const MeasurementModel&) const
//                                                  the PDA update (filters/pda.h) with the gated
//                                                  plots' innovations, all against `predicted`
// An Innovation is small (every plot near a track gets one): what the update needs beyond its
// residual comes from the MeasurementPrediction, shared by every plot at one time.
//   kinematic(const State&) const                  the 6-component GaussianState (output, gates)
//   State initiate(const GaussianState&) const     a new track from a kinematic prior
// and optionally
//   StateVector predict_mean(const State&, Time) const
//                                                  kinematic(predict(state, to)).mean exactly,
//                                                  without predicting the covariance
//
// CvEkfFilter is the tracker's original nearly-constant-velocity EKF (filters/ekf.h), unchanged;
// UkfFilter<Motion> an unscented filter on any motion model; ImmFilter the IMM of filters/imm.h.

#include <boost/container/small_vector.hpp>
#include <span>
#include <vector>

#include "tracking/filters/ekf.h"
#include "tracking/filters/imm.h"
#include "tracking/filters/kalman.h"
#include "tracking/filters/pda.h"
#include "tracking/filters/ukf.h"
#include "tracking/models/constant_velocity.h"
#include "tracking/models/motion_models.h"

namespace straja::tracking {

struct CvEkfFilter {
  using State = GaussianState;
  using MeasurementPrediction = PredictedMeasurement;
  using Innovation = tracking::Innovation;

  ConstantVelocityModel motion;

  State predict(const State& state, Time to) const { return tracking::predict(state, motion, to); }
  StateVector predict_mean(const State& state, Time to) const {
    return tracking::predict_mean(state, to);
  }
  MeasurementPrediction predict_measurement(const State& state,
                                            const MeasurementModel& model) const {
    return tracking::predict_measurement(state, model);
  }
  Innovation innovate(const MeasurementPrediction& predicted, const Vec3& z,
                      const MeasurementModel& model) const {
    return tracking::innovate(predicted, z, model);
  }
  State update(const State& predicted, const MeasurementPrediction& measurement,
               const Innovation& innovation, const MeasurementModel& /*model*/) const {
    return tracking::update(predicted, measurement, innovation);
  }
  /// The PDA update of filters/pda.h, with Pxz = P H^T from the prediction's Jacobian
  /// (H = [Hp 0]: h depends on the position only).
  State pda_update(const State& predicted, const MeasurementPrediction& measurement,
                   std::span<const WeightedInnovation<Innovation>> plots,
                   const MeasurementModel& /*model*/) const {
    MeasurementPredictionN<kStateSize> m;
    m.covariance = measurement.covariance;
    m.cross = predicted.covariance.leftCols<3>() * measurement.jacobian.leftCols<3>().transpose();
    m.factor = measurement.factor;
    return tracking::pda_update(predicted, m, combine(plots));
  }
  const GaussianState& kinematic(const State& state) const { return state; }
  State initiate(const GaussianState& state) const { return state; }
};

/// The kinematic part of an N-state.
template <int N>
GaussianState kinematic_part(const Gaussian<N>& state) {
  GaussianState k;
  k.time = state.time;
  k.mean = state.mean.template head<kStateSize>();
  k.covariance = state.covariance.template topLeftCorner<kStateSize, kStateSize>();
  return k;
}

/// A plot's measurement against a predicted measurement.
struct MeasurementInnovation {
  Vec3 z = Vec3::Zero();
  Vec3 residual = Vec3::Zero();      ///< z - z^, angles wrapped
  double mahalanobis_squared = 0.0;  ///< nu^T S^-1 nu
  double log_det_covariance = 0.0;   ///< ln |S|

  template <int N>
  static MeasurementInnovation of(const MeasurementPredictionN<N>& predicted, const Vec3& z,
                                  const MeasurementModel& model) {
    MeasurementInnovation innovation;
    innovation.z = z;
    innovation.residual = model.innovation(z, predicted.mean);
    innovation.mahalanobis_squared = predicted.mahalanobis_squared(innovation.residual);
    innovation.log_det_covariance = predicted.log_det_covariance;
    return innovation;
  }
};

template <class Motion>
struct UkfFilter {
  using State = Gaussian<Motion::kSize>;
  using MeasurementPrediction = MeasurementPredictionN<Motion::kSize>;
  using Innovation = MeasurementInnovation;

  Motion motion;
  UnscentedParameters parameters;
  /// Prior variance of the components after the kinematic six at initiation (their units
  /// squared: (m/s^2)^2 for acceleration, (rad/s)^2 for turn rate).
  double initial_extra_variance = 1e-2;

  State predict(const State& state, Time to) const {
    return ukf_predict(state, motion, to, parameters);
  }
  MeasurementPrediction predict_measurement(const State& state,
                                            const MeasurementModel& model) const {
    return ukf_predict_measurement(state, model, parameters);
  }
  Innovation innovate(const MeasurementPrediction& predicted, const Vec3& z,
                      const MeasurementModel& model) const {
    return MeasurementInnovation::of(predicted, z, model);
  }
  State update(const State& predicted, const MeasurementPrediction& measurement,
               const Innovation& innovation, const MeasurementModel& /*model*/) const {
    return kalman_update(predicted, measurement, innovation.residual);
  }
  State pda_update(const State& predicted, const MeasurementPrediction& measurement,
                   std::span<const WeightedInnovation<Innovation>> plots,
                   const MeasurementModel& /*model*/) const {
    return tracking::pda_update(predicted, measurement, combine(plots));
  }
  GaussianState kinematic(const State& state) const { return kinematic_part(state); }
  State initiate(const GaussianState& state) const {
    State s;
    s.time = state.time;
    s.mean.setZero();
    s.mean.template head<kStateSize>() = state.mean;
    s.covariance.setIdentity();
    s.covariance *= initial_extra_variance;
    s.covariance.template topLeftCorner<kStateSize, kStateSize>() = state.covariance;
    return s;
  }
};

/// The IMM: gating and assignment use the moment-matched predicted mixture; the update runs
/// every mode with the assigned plot. Mode probabilities: Track::state.probabilities.
struct ImmFilter {
  using State = ImmState;
  using MeasurementPrediction = MeasurementPredictionN<kCommonStateSize>;
  using Innovation = MeasurementInnovation;  // the update predicts each mode's measurement

  ImmConfig config;

  State predict(const State& state, Time to) const { return imm_predict(state, config, to); }
  MeasurementPrediction predict_measurement(const State& state,
                                            const MeasurementModel& model) const {
    return imm_predict_measurement(state.combined(), model, config);
  }
  Innovation innovate(const MeasurementPrediction& predicted, const Vec3& z,
                      const MeasurementModel& model) const {
    return MeasurementInnovation::of(predicted, z, model);
  }
  /// Each mode's own update with the plot (the mixture's prediction served the gate).
  State update(const State& predicted, const MeasurementPrediction& /*mixture*/,
               const Innovation& innovation, const MeasurementModel& model) const {
    return imm_update(predicted, innovation.z, model, config);
  }
  /// Each mode's own PDA update (IMM-PDA, imm.h); the plots' mixture likelihoods are those they
  /// were gated with.
  State pda_update(const State& predicted, const MeasurementPrediction& /*mixture*/,
                   std::span<const WeightedInnovation<Innovation>> plots,
                   const MeasurementModel& model) const {
    constexpr double kLogTwoPi = 1.8378770664093453;
    // A cluster's gated plots per track are few: no allocation up to 8.
    boost::container::small_vector<ImmPdaPlot, 8> imm_plots;
    for (const auto& plot : plots) {
      const Innovation& innovation = *plot.innovation;
      imm_plots.push_back({innovation.z, plot.probability,
                           -0.5 * (innovation.mahalanobis_squared + innovation.log_det_covariance +
                                   3.0 * kLogTwoPi)});
    }
    return imm_pda_update(
        predicted, std::span<const ImmPdaPlot>(imm_plots.data(), imm_plots.size()), model, config);
  }
  GaussianState kinematic(const State& state) const { return kinematic_part(state.combined()); }
  State initiate(const GaussianState& state) const { return imm_initiate(state, config); }
};

}  // namespace straja::tracking
