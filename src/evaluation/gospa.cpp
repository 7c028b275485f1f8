#include "evaluation/gospa.h"

#include <cmath>

#include "tracking/association/assignment.h"

namespace straja::evaluation {

GospaResult gospa(std::span<const Eigen::Vector3d> truths,
                  std::span<const Eigen::Vector3d> estimates, const GospaParameters& parameters) {
  const double c_p = std::pow(parameters.cutoff_m, parameters.order);
  const auto rows = static_cast<Eigen::Index>(truths.size());
  const auto cols = static_cast<Eigen::Index>(estimates.size());
  // Pairing a truth with an estimate at distance >= c is never better than leaving both
  // unassigned (c^p/2 + c^p/2), so the cost saturates at c^p and such pairs are dropped after.
  Eigen::MatrixXd cost(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i) {
    for (Eigen::Index j = 0; j < cols; ++j) {
      const double d =
          (truths[static_cast<std::size_t>(i)] - estimates[static_cast<std::size_t>(j)]).norm();
      cost(i, j) = std::pow(std::min(d, parameters.cutoff_m), parameters.order);
    }
  }
  const tracking::Assignment assignment = tracking::solve_assignment(cost);
  GospaResult result;
  for (Eigen::Index i = 0; i < rows; ++i) {
    const int j = assignment.column_of_row[static_cast<std::size_t>(i)];
    if (j < 0 || cost(i, j) >= c_p) continue;
    ++result.assigned;
    result.localisation_sum_p += cost(i, j);
  }
  result.missed = truths.size() - result.assigned;
  result.false_tracks = estimates.size() - result.assigned;
  const double total = result.localisation_sum_p +
                       0.5 * c_p * static_cast<double>(result.missed + result.false_tracks);
  result.distance = std::pow(total, 1.0 / parameters.order);
  result.localisation = std::pow(result.localisation_sum_p, 1.0 / parameters.order);
  return result;
}

}  // namespace straja::evaluation
