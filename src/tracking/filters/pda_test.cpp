// The PDA update of every filter (filters/pda.h, each Filter's pda_update): one sure plot is the
// filter's own update, no plot leaves the prediction, the spread of two plots widens the
// covariance by exactly K spread K^T, and the IMM's per-mode PDA weighs its modes as IMM-PDA.

#include "tracking/filters/pda.h"

#include <gtest/gtest.h>

#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <array>
#include <cmath>
#include <vector>

#include "core/units.h"
#include "tracking/filters/track_filters.h"
#include "tracking/models/planar_range_bearing.h"

namespace straja::tracking {
namespace {

using namespace std::chrono_literals;

const PlanarRangeBearingModel& radar() {
  static const PlanarRangeBearingModel model(25.0, units::deg_to_rad(0.2), 1e6);
  return model;
}

GaussianState moving_state() {
  GaussianState state;
  state.mean << 30'000, 40'000, 0, 150, -100, 0;
  state.covariance = StateCovariance::Identity() * 400.0;
  state.covariance(0, 3) = state.covariance(3, 0) = 50.0;
  return state;
}

/// A measurement `offset_m` east of where the state is predicted to be.
Vec3 plot_near(const GaussianState& predicted, double offset_m) {
  const double east = predicted.mean(0) + offset_m;
  const double north = predicted.mean(1);
  return {std::hypot(east, north), std::atan2(east, north), 0.0};
}

template <class Filter>
struct Fixture {
  Filter filter;
  typename Filter::State predicted;
  typename Filter::MeasurementPrediction measurement;

  explicit Fixture(Filter f) : filter(std::move(f)) {
    const auto start = filter.initiate(moving_state());
    predicted = filter.predict(start, start.time + 2s);
    measurement = filter.predict_measurement(predicted, radar());
  }
  typename Filter::Innovation innovate(double offset_m) const {
    return filter.innovate(measurement, plot_near(filter.kinematic(predicted), offset_m), radar());
  }
};

template <class Filter>
void expect_one_sure_plot_is_the_update(Filter filter, double tolerance) {
  const Fixture<Filter> f(std::move(filter));
  const auto innovation = f.innovate(120.0);
  const std::vector<WeightedInnovation<typename Filter::Innovation>> plots{{&innovation, 1.0}};
  const auto pda =
      f.filter.kinematic(f.filter.pda_update(f.predicted, f.measurement, plots, radar()));
  const auto single =
      f.filter.kinematic(f.filter.update(f.predicted, f.measurement, innovation, radar()));
  EXPECT_TRUE(pda.mean.isApprox(single.mean, tolerance)) << pda.mean.transpose() << "\n"
                                                         << single.mean.transpose();
  EXPECT_TRUE(pda.covariance.isApprox(single.covariance, tolerance));
}

TEST(PdaTest, OneSurePlotIsEachFiltersOwnUpdate) {
  expect_one_sure_plot_is_the_update(CvEkfFilter{}, 1e-9);
  expect_one_sure_plot_is_the_update(UkfFilter<CvMotion>{}, 1e-9);
  expect_one_sure_plot_is_the_update(ImmFilter{default_imm_config()}, 1e-9);
}

template <class Filter>
void expect_no_plot_leaves_the_prediction(Filter filter) {
  const Fixture<Filter> f(std::move(filter));
  const auto innovation = f.innovate(120.0);
  const std::vector<WeightedInnovation<typename Filter::Innovation>> plots{{&innovation, 0.0}};
  const auto pda =
      f.filter.kinematic(f.filter.pda_update(f.predicted, f.measurement, plots, radar()));
  const auto prior = f.filter.kinematic(f.predicted);
  EXPECT_TRUE(pda.mean.isApprox(prior.mean, 1e-12));
  EXPECT_TRUE(pda.covariance.isApprox(prior.covariance, 1e-9));
}

TEST(PdaTest, APlotOfProbabilityZeroLeavesThePrediction) {
  expect_no_plot_leaves_the_prediction(CvEkfFilter{});
  expect_no_plot_leaves_the_prediction(UkfFilter<CvMotion>{});
  expect_no_plot_leaves_the_prediction(ImmFilter{default_imm_config()});
}

TEST(PdaTest, TwoPlotsWidenTheCovarianceByTheSpreadOfTheirInnovations) {
  const Fixture<UkfFilter<CvMotion>> f{UkfFilter<CvMotion>{}};
  const auto near = f.innovate(-100.0);
  const auto far = f.innovate(200.0);
  const double beta_near = 0.5;
  const double beta_far = 0.3;
  const std::vector<WeightedInnovation<UkfFilter<CvMotion>::Innovation>> plots{{&near, beta_near},
                                                                               {&far, beta_far}};
  const auto pda = f.filter.pda_update(f.predicted, f.measurement, plots, radar());

  // By hand: K = Pxz S^-1, nu = sum beta nu_j, P+ = P - (beta_near + beta_far) K Pxz^T + K
  // (sum beta nu nu^T - nu nu^T) K^T.
  const auto& m = f.measurement;
  const Eigen::Matrix<double, 6, 3> gain = m.cross * m.covariance.inverse();
  const Vec3 nu = beta_near * near.residual + beta_far * far.residual;
  const Mat3 spread = beta_near * near.residual * near.residual.transpose() +
                      beta_far * far.residual * far.residual.transpose() - nu * nu.transpose();
  const StateCovariance expected = f.predicted.covariance -
                                   (beta_near + beta_far) * gain * m.cross.transpose() +
                                   gain * spread * gain.transpose();
  EXPECT_TRUE(pda.mean.isApprox(f.predicted.mean + gain * nu, 1e-12));
  EXPECT_TRUE(pda.covariance.isApprox(expected, 1e-9));
  // The spread is positive semi-definite and not zero: the PDA posterior is wider than the
  // single-plot update with the combined innovation's weight.
  const Eigen::SelfAdjointEigenSolver<Mat3> eigen(spread);
  EXPECT_GE(eigen.eigenvalues().minCoeff(), -1e-9);
  EXPECT_GT(eigen.eigenvalues().maxCoeff(), 1.0);

  // The EKF's PDA update (Joseph form for its single-plot part) agrees on this near-linear case.
  const Fixture<CvEkfFilter> e{CvEkfFilter{}};
  const auto ekf_near = e.innovate(-100.0);
  const auto ekf_far = e.innovate(200.0);
  const std::vector<WeightedInnovation<Innovation>> ekf_plots{{&ekf_near, beta_near},
                                                              {&ekf_far, beta_far}};
  const auto ekf = e.filter.pda_update(e.predicted, e.measurement, ekf_plots, radar());
  EXPECT_TRUE(ekf.mean.isApprox(pda.mean, 1e-6));
  EXPECT_TRUE(ekf.covariance.isApprox(pda.covariance, 1e-3));
}

TEST(PdaTest, ImmPdaWeighsModesByTheirLikelihoodOfTheGatedPlots) {
  // A CV mode and a CT mode, both at 0.5: a plot far off the straight-line prediction is better
  // explained by the wider CT mode, so CT's probability rises; without a plot (beta_0 = 1) the
  // probabilities stay as predicted.
  ImmConfig config = ImmConfig::cv_ct(0.5, 50.0, 1e-3, 0.1, 0.95, 4.0);
  config.initial_probabilities = {0.5, 0.5, 0.0};
  const Fixture<ImmFilter> f{ImmFilter{config}};
  const auto manoeuvre = f.innovate(900.0);
  const std::vector<WeightedInnovation<MeasurementInnovation>> sure{{&manoeuvre, 1.0}};
  const ImmState after = f.filter.pda_update(f.predicted, f.measurement, sure, radar());
  EXPECT_GT(after.probabilities[1], f.predicted.probabilities[1] + 0.1);
  EXPECT_NEAR(after.probabilities[0] + after.probabilities[1], 1.0, 1e-12);

  // Half sure: the mode weights move part of the way (beta_0 dilutes the evidence).
  const std::vector<WeightedInnovation<MeasurementInnovation>> half{{&manoeuvre, 0.5}};
  const ImmState halfway = f.filter.pda_update(f.predicted, f.measurement, half, radar());
  EXPECT_GT(halfway.probabilities[1], f.predicted.probabilities[1]);
  EXPECT_LT(halfway.probabilities[1], after.probabilities[1]);

  // Textbook IMM-PDA for one track: mu_j ∝ c_j (beta_0 + beta_1 N_j / N_mixture).
  std::array<double, 2> expected{};
  for (int j = 0; j < 2; ++j) {
    const auto m =
        imm_predict_measurement(f.predicted.modes[static_cast<std::size_t>(j)], radar(), config);
    const double ratio = std::exp(m.log_likelihood(radar().innovation(manoeuvre.z, m.mean)) -
                                  f.measurement.log_likelihood(manoeuvre.residual));
    expected[static_cast<std::size_t>(j)] =
        f.predicted.probabilities[static_cast<std::size_t>(j)] * (0.5 + 0.5 * ratio);
  }
  EXPECT_NEAR(halfway.probabilities[1], expected[1] / (expected[0] + expected[1]), 1e-12);
}

}  // namespace
}  // namespace straja::tracking
