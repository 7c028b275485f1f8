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
