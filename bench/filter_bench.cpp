// One predict + update step of each filter (ns per step): KF (CV, position measurement), EKF and
// UKF on the CV and coordinated-turn models, and the IMM (CV/CT and CV/CT/CA, EKF or UKF modes),
// all against the 3D radar model at ~55 km, 4 s between updates.

#include <benchmark/benchmark.h>

#include "core/units.h"
#include "tracking/filters/ekf.h"
#include "tracking/filters/imm.h"
#include "tracking/filters/kalman.h"
#include "tracking/filters/ukf.h"
#include "tracking/models/motion_models.h"
#include "tracking/models/radar_polar.h"

namespace straja {
namespace {

using tracking::Gaussian;

const tracking::RadarPolarModel& radar() {
  static const tracking::RadarPolarModel model = [] {
    SensorInfo info;
    info.id = "r";
    info.site = {47.0245, 28.832, 215.0};
    info.range_sigma_m = 30.0;
    info.azimuth_sigma_rad = units::deg_to_rad(0.15);
    info.elevation_sigma_rad = units::deg_to_rad(0.3);
    info.max_range_m = 250'000.0;
    info.four_thirds_earth = false;
    return tracking::RadarPolarModel(info, geo::LocalFrame({47.0, 28.85, 0.0}));
  }();
  return model;
}

template <int N>
Gaussian<N> start_state(double omega = 0.0) {
  Gaussian<N> state;
  state.mean.setZero();
  state.mean.template head<6>() << 50'000, 20'000, 9'000, 200, -50, 0;
  if constexpr (N == 7) state.mean(6) = omega;
  state.covariance.setIdentity();
  state.covariance *= 100.0;
  if constexpr (N >= 7) state.covariance(N - 1, N - 1) = 1e-3;
  return state;
}

void BM_KfPredictUpdate(benchmark::State& state) {
  const tracking::CvMotion motion;
  const tracking::PositionMeasurement sensor{tracking::Mat3::Identity() * 900.0};
  const Gaussian<6> estimate = start_state<6>();
  const tracking::Vec3 z = estimate.mean.head<3>();
  for (auto _ : state) {
    const auto predicted =
        tracking::kf_predict(estimate, motion, estimate.time + std::chrono::seconds(4));
    const auto m = tracking::kf_predict_measurement(predicted, sensor);
    auto posterior = tracking::kalman_update(predicted, m, z - m.mean);
    benchmark::DoNotOptimize(posterior);
  }
}
BENCHMARK(BM_KfPredictUpdate);

template <class Motion>
void BM_EkfPredictUpdateGeneric(benchmark::State& state) {
  const Motion motion;
  const auto estimate = start_state<Motion::kSize>(0.05);
  const tracking::Vec3 z = radar().predict(estimate.mean.template head<6>());
  for (auto _ : state) {
    const auto predicted =
        tracking::ekf_predict(estimate, motion, estimate.time + std::chrono::seconds(4));
    const auto m = tracking::ekf_predict_measurement(predicted, radar());
    auto posterior = tracking::kalman_update(predicted, m, radar().innovation(z, m.mean));
    benchmark::DoNotOptimize(posterior);
  }
}
BENCHMARK(BM_EkfPredictUpdateGeneric<tracking::CvMotion>)->Name("BM_EkfPredictUpdate/cv");
BENCHMARK(BM_EkfPredictUpdateGeneric<tracking::CtMotion>)->Name("BM_EkfPredictUpdate/ct");

template <class Motion>
void BM_UkfPredictUpdate(benchmark::State& state) {
  const Motion motion;
  const auto estimate = start_state<Motion::kSize>(0.05);
  const tracking::Vec3 z = radar().predict(estimate.mean.template head<6>());
  for (auto _ : state) {
    const auto predicted =
        tracking::ukf_predict(estimate, motion, estimate.time + std::chrono::seconds(4));
    const auto m = tracking::ukf_predict_measurement(predicted, radar());
    auto posterior = tracking::kalman_update(predicted, m, radar().innovation(z, m.mean));
    benchmark::DoNotOptimize(posterior);
  }
}
BENCHMARK(BM_UkfPredictUpdate<tracking::CvMotion>)->Name("BM_UkfPredictUpdate/cv");
BENCHMARK(BM_UkfPredictUpdate<tracking::CtMotion>)->Name("BM_UkfPredictUpdate/ct");

/// Arg 0: modes (2: CV/CT, 3: CV/CT/CA); arg 1: 0 EKF modes, 1 UKF modes.
void BM_ImmPredictUpdate(benchmark::State& state) {
  tracking::ImmConfig config =
      tracking::ImmConfig::cv_ct(1.0, 5.0, 1e-3, 0.1, 0.95, 4.0, state.range(0) == 3);
  config.filter = state.range(1) != 0 ? tracking::ModeFilter::kUkf : tracking::ModeFilter::kEkf;
  tracking::GaussianState start = start_state<6>();
  const tracking::ImmState estimate = tracking::imm_initiate(start, config);
  const tracking::Vec3 z = radar().predict(start.mean);
  for (auto _ : state) {
    const auto predicted =
        tracking::imm_predict(estimate, config, estimate.time + std::chrono::seconds(4));
    auto posterior = tracking::imm_update(predicted, z, radar(), config);
    benchmark::DoNotOptimize(posterior);
  }
}
BENCHMARK(BM_ImmPredictUpdate)->ArgsProduct({{2, 3}, {0, 1}})->ArgNames({"modes", "ukf"});

}  // namespace
}  // namespace straja
