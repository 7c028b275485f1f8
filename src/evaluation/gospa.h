#pragma once
// Generalised OSPA (Rahimi, Garcia-Fernandez, Svensson, 2017) with alpha = 2:
//   d_p^(c,2)(X, Y) = ( min_gamma sum_{(i,j) in gamma} d(x_i, y_j)^p + c^p/2 (|X| + |Y| - 2|gamma|)
//   )^(1/p)
// over partial assignments gamma of pairs with d < c. Decomposes into localisation (assigned
// pairs), missed (truths left over) and false (estimates left over) parts.

#include <Eigen/Core>
#include <span>

namespace straja::evaluation {

struct GospaParameters {
  double cutoff_m = 500.0;  ///< c
  double order = 2.0;       ///< p
};

struct GospaResult {
  double distance = 0.0;      ///< d_p^(c,2)
  double localisation = 0.0;  ///< (sum over assigned pairs of d^p)^(1/p)
  std::size_t assigned = 0;
  std::size_t missed = 0;           ///< truths not assigned
  std::size_t false_tracks = 0;     ///< estimates not assigned
  double localisation_sum_p = 0.0;  ///< sum over assigned pairs of d^p (for RMS over time)
};

GospaResult gospa(std::span<const Eigen::Vector3d> truths,
                  std::span<const Eigen::Vector3d> estimates, const GospaParameters& parameters);

}  // namespace straja::evaluation
