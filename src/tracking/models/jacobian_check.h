#pragma once
// Test helper: a measurement model's jacobian() against central differences of its predict()
// (step 0.5 m, angle differences wrapped by innovation()), to ~1e-6 relative.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "tracking/models/measurement_model.h"

namespace straja::tracking::testing {

inline void expect_jacobian_matches(const MeasurementModel& model, const StateVector& x) {
  const MeasurementMatrix analytic = model.jacobian(x);
  for (int axis = 0; axis < kStateSize; ++axis) {
    StateVector ahead = x;
    StateVector behind = x;
    ahead(axis) += 0.5;
    behind(axis) -= 0.5;
    const Vec3 numeric = model.innovation(model.predict(ahead), model.predict(behind));
    for (int row = 0; row < 3; ++row) {
      const double scale = std::max(std::abs(numeric(row)), 1e-9);
      EXPECT_NEAR(analytic(row, axis), numeric(row), 1e-6 * scale + 1e-12)
          << "row " << row << " axis " << axis << " at " << x.transpose();
    }
  }
}

}  // namespace straja::tracking::testing

namespace straja::tracking::testing {

/// A motion model's jacobian(x, dt) against central differences of f(x, dt), step `step` on
/// every component, to `tolerance` relative (plus an absolute floor of 1e-9).
template <class Model>
void expect_motion_jacobian_matches(const Model& model, const typename Model::Vector& x, double dt,
                                    double step = 1e-4, double tolerance = 1e-6) {
  const typename Model::Matrix analytic = model.jacobian(x, dt);
  for (int axis = 0; axis < Model::kSize; ++axis) {
    typename Model::Vector ahead = x;
    typename Model::Vector behind = x;
    ahead(axis) += step;
    behind(axis) -= step;
    const typename Model::Vector numeric = (model.f(ahead, dt) - model.f(behind, dt)) / (2 * step);
    for (int row = 0; row < Model::kSize; ++row) {
      const double scale = std::max(std::abs(numeric(row)), 1.0);
      EXPECT_NEAR(analytic(row, axis), numeric(row), tolerance * scale + 1e-9)
          << "row " << row << " axis " << axis << " dt " << dt << " at " << x.transpose();
    }
  }
}

}  // namespace straja::tracking::testing
