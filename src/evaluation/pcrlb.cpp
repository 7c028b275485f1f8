#include "evaluation/pcrlb.h"

#include <Eigen/Cholesky>
#include <cmath>
#include <numbers>
#include <random>
#include <vector>

namespace straja::evaluation {

double information_reduction_factor(double pd, double clutter_density, int dims, int samples) {
  if (pd <= 0.0) return 0.0;
  if (clutter_density <= 0.0) return pd;  // score = the detection's innovation, or 0: E = Pd
  constexpr double kGate = 4.0;
  const double ball = std::pow(std::numbers::pi, dims / 2.0) / std::tgamma(dims / 2.0 + 1.0) *
                      std::pow(kGate, dims);
  const double norm = std::pow(2.0 * std::numbers::pi, -dims / 2.0);
  std::mt19937_64 random(20261123);
  std::normal_distribution<double> gauss;
  std::uniform_real_distribution<double> uniform(-kGate, kGate);
  std::bernoulli_distribution detected(std::min(pd, 1.0));
  std::poisson_distribution<int> false_count(clutter_density * ball);
  std::vector<double> z(static_cast<std::size_t>(dims));
  double sum = 0.0;
  for (int s = 0; s < samples; ++s) {
    // Score along the first axis at the true state: Pd sum N(z) z_1 / (lambda (1 - Pd) + Pd sum N).
    double numerator = 0.0;
    double denominator = clutter_density * (1.0 - pd);
    auto add = [&] {
      double r2 = 0.0;
      for (const double v : z) r2 += v * v;
      const double n = norm * std::exp(-0.5 * r2);
      numerator += pd * n * z[0];
      denominator += pd * n;
    };
    if (detected(random)) {
      for (double& v : z) v = gauss(random);
      add();
    }
    const int m = false_count(random);
    for (int i = 0; i < m; ++i) {
      double r2 = 0.0;
      do {  // uniform in the gate ball
        r2 = 0.0;
        for (double& v : z) {
          v = uniform(random);
          r2 += v * v;
        }
      } while (r2 > kGate * kGate);
      add();
    }
    if (denominator > 0.0) {
      const double score = numerator / denominator;
      sum += score * score;
    }
  }
  return std::min(pd, sum / samples);
}

Matrix6 measurement_information(const Eigen::MatrixXd& h, const Eigen::MatrixXd& r, double q) {
  return q * h.transpose() * r.ldlt().solve(h);
}

PcrlbRecursion::PcrlbRecursion(double time_s, const Matrix6& initial_covariance,
                               const Eigen::Vector3d& accel_psd)
    : time_(time_s),
      accel_psd_(accel_psd),
      information_(initial_covariance.ldlt().solve(Matrix6::Identity())) {}

void PcrlbRecursion::predict_to(double time_s) {
  const double dt = time_s - time_;
  if (dt <= 0.0) return;
  Matrix6 f = Matrix6::Identity();
  f.topRightCorner<3, 3>() = dt * Eigen::Matrix3d::Identity();
  Matrix6 q = Matrix6::Zero();
  const Eigen::Matrix3d psd = accel_psd_.asDiagonal();
  q.topLeftCorner<3, 3>() = dt * dt * dt / 3.0 * psd;
  q.topRightCorner<3, 3>() = dt * dt / 2.0 * psd;
  q.bottomLeftCorner<3, 3>() = dt * dt / 2.0 * psd;
  q.bottomRightCorner<3, 3>() = dt * psd;
  const Matrix6 covariance = bound();
  const Matrix6 predicted = f * covariance * f.transpose() + q;
  information_ = predicted.ldlt().solve(Matrix6::Identity());
  time_ = time_s;
}

void PcrlbRecursion::add(const Matrix6& information) {
  information_ += information;
}

Matrix6 PcrlbRecursion::bound() const {
  return information_.ldlt().solve(Matrix6::Identity());
}

}  // namespace straja::evaluation
