#pragma once
// Joint probabilistic data association marginals for one cluster of tracks and the plots they
// gate, computed exactly by an efficient hypothesis management (EHM) net: tracks are taken in
// order, and a node of layer i keeps only those plots already used by tracks 0..i-1 that a later
// track could still use. Joint events that agree on that set share the rest of the tree, so the
// cost grows with the net's width instead of the number of joint events (which is exponential).
//
// Input: likelihood(i, j) for track i and plot j = 0..m-1 (0 where plot j is outside track i's
// gate), and miss(i) = the weight of track i having no plot (1 - Pd Pg, times the clutter
// density for the usual normalisation). A joint event assigns each track a distinct plot or a
// miss; its weight is the product of its factors. Output: for each track, the probability of
// each plot and of the miss, summing to 1.
//
// `max_nodes` bounds the net: a cluster whose net would grow beyond it is approximated instead
// (each track's marginals from the single-track ratios with the plots' competition taken into
// account as in Fitzgerald's "cheap JPDA"), and `exact` says which one was used.

#include <Eigen/Core>

namespace straja::tracking {

struct JpdaMarginals {
  /// rows: tracks; columns 0..m-1: plots, column m: the miss.
  Eigen::MatrixXd probability;
  bool exact = true;
  std::size_t nodes = 0;  ///< EHM nodes built (0 when approximated)
};

JpdaMarginals jpda_marginals(const Eigen::MatrixXd& likelihood, const Eigen::VectorXd& miss,
                             std::size_t max_nodes = 200'000);

/// Every joint event enumerated (for tests on small clusters; exponential).
Eigen::MatrixXd jpda_marginals_brute_force(const Eigen::MatrixXd& likelihood,
                                           const Eigen::VectorXd& miss);

}  // namespace straja::tracking
