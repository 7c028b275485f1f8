#include "tracking/association/jpda.h"

#include <algorithm>
#include <functional>
#include <map>
#include <vector>

namespace straja::tracking {
namespace {

using PlotSet = std::vector<bool>;  // plots taken, restricted to those a later track can use

/// Fitzgerald's cheap JPDA: beta_ij = G_ij / (S_i + T_j - G_ij + B_i) with S_i the row sum, T_j the
/// column sum and B_i the miss weight; the miss takes the remainder.
Eigen::MatrixXd cheap_jpda(const Eigen::MatrixXd& likelihood, const Eigen::VectorXd& miss) {
  const Eigen::Index n = likelihood.rows();
  const Eigen::Index m = likelihood.cols();
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(n, m + 1);
  const Eigen::VectorXd row = likelihood.rowwise().sum();
  const Eigen::RowVectorXd column = likelihood.colwise().sum();
  for (Eigen::Index i = 0; i < n; ++i) {
    double total = 0.0;
    for (Eigen::Index j = 0; j < m; ++j) {
      const double g = likelihood(i, j);
      if (g <= 0.0) continue;
      p(i, j) = g / (row(i) + column(j) - g + miss(i));
      total += p(i, j);
    }
    p(i, m) = std::max(0.0, 1.0 - total);
    const double sum = p.row(i).sum();
    if (sum > 0.0) p.row(i) /= sum;
  }
  return p;
}

}  // namespace

JpdaMarginals jpda_marginals(const Eigen::MatrixXd& likelihood, const Eigen::VectorXd& miss,
                             std::size_t max_nodes) {
  const auto n = static_cast<std::size_t>(likelihood.rows());
  const auto m = static_cast<std::size_t>(likelihood.cols());
  JpdaMarginals out;
  out.probability = Eigen::MatrixXd::Zero(likelihood.rows(), likelihood.cols() + 1);
  if (n == 0) return out;
  // later_use[i][j]: some track after i can use plot j.
  std::vector<std::vector<bool>> later_use(n, std::vector<bool>(m, false));
  for (std::size_t i = n - 1; i-- > 0;) {
    later_use[i] = later_use[i + 1];
    for (std::size_t j = 0; j < m; ++j) {
      if (likelihood(static_cast<Eigen::Index>(i + 1), static_cast<Eigen::Index>(j)) > 0.0) {
        later_use[i][j] = true;
      }
    }
  }
  // layers[i]: the nodes before track i is assigned, keyed by the relevant used plots.
  struct Node {
    double forward = 0.0;
    double backward = 0.0;
  };
  std::vector<std::map<PlotSet, Node>> layers(n + 1);
  layers[0][PlotSet(m, false)].forward = 1.0;
  std::size_t nodes = 1;
  auto child_key = [&](const PlotSet& used, std::size_t i, std::size_t plot) {
    PlotSet key(m, false);
    for (std::size_t j = 0; j < m; ++j) {
      const bool taken = used[j] || j == plot;
      key[j] = taken && (i + 1 < n) && later_use[i][j];
    }
    return key;
  };
  for (std::size_t i = 0; i < n && nodes <= max_nodes; ++i) {
    const auto row = static_cast<Eigen::Index>(i);
    for (const auto& [used, node] : layers[i]) {
      // A miss, then each free plot in the gate.
      for (std::size_t option = 0; option <= m; ++option) {
        const bool is_miss = option == m;
        const double weight =
            is_miss ? miss(row) : likelihood(row, static_cast<Eigen::Index>(option));
        if (weight <= 0.0 || (!is_miss && used[option])) continue;
        auto [it, added] = layers[i + 1].try_emplace(child_key(used, i, is_miss ? m : option));
        if (added) ++nodes;
        it->second.forward += node.forward * weight;
      }
    }
  }
  if (nodes > max_nodes) {
    out.probability = cheap_jpda(likelihood, miss);
    out.exact = false;
    return out;
  }
  out.nodes = nodes;
  for (auto& [key, node] : layers[n]) node.backward = 1.0;
  // Backward pass, accumulating the marginals on the way.
  for (std::size_t i = n; i-- > 0;) {
    const auto row = static_cast<Eigen::Index>(i);
    for (auto& [used, node] : layers[i]) {
      for (std::size_t option = 0; option <= m; ++option) {
        const bool is_miss = option == m;
        const double weight =
            is_miss ? miss(row) : likelihood(row, static_cast<Eigen::Index>(option));
        if (weight <= 0.0 || (!is_miss && used[option])) continue;
        const auto child = layers[i + 1].find(child_key(used, i, is_miss ? m : option));
        const double through = weight * child->second.backward;
        node.backward += through;
        out.probability(row, static_cast<Eigen::Index>(option)) += node.forward * through;
      }
    }
  }
  const double total = layers[0].begin()->second.backward;
  if (total > 0.0) out.probability /= total;
  return out;
}

Eigen::MatrixXd jpda_marginals_brute_force(const Eigen::MatrixXd& likelihood,
                                           const Eigen::VectorXd& miss) {
  const Eigen::Index n = likelihood.rows();
  const Eigen::Index m = likelihood.cols();
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(n, m + 1);
  std::vector<Eigen::Index> choice(static_cast<std::size_t>(n), m);
  std::vector<bool> used(static_cast<std::size_t>(m), false);
  double total = 0.0;
  std::function<void(Eigen::Index, double)> walk = [&](Eigen::Index i, double weight) {
    if (i == n) {
      total += weight;
      for (Eigen::Index k = 0; k < n; ++k) p(k, choice[static_cast<std::size_t>(k)]) += weight;
      return;
    }
    if (miss(i) > 0.0) {
      choice[static_cast<std::size_t>(i)] = m;
      walk(i + 1, weight * miss(i));
    }
    for (Eigen::Index j = 0; j < m; ++j) {
      if (likelihood(i, j) <= 0.0 || used[static_cast<std::size_t>(j)]) continue;
      used[static_cast<std::size_t>(j)] = true;
      choice[static_cast<std::size_t>(i)] = j;
      walk(i + 1, weight * likelihood(i, j));
      used[static_cast<std::size_t>(j)] = false;
    }
  };
  walk(0, 1.0);
  if (total > 0.0) p /= total;
  return p;
}

}  // namespace straja::tracking
