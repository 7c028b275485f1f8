#pragma once
// Optimal rectangular linear assignment (minimum total cost), by shortest augmenting paths with
// dual potentials (the Hungarian method in its Jonker-Volgenant form): O(n^2 m) for n <= m.
//
// Contract: costs are finite, except kForbidden (+infinity) for pairs that must not be assigned.
// Every row is assigned when rows <= columns and a finite assignment exists; a row whose best
// completion needs a forbidden pair is left unassigned (-1).

#include <Eigen/Core>
#include <limits>
#include <vector>

namespace straja::tracking {

inline constexpr double kForbidden = std::numeric_limits<double>::infinity();

struct Assignment {
  std::vector<int> column_of_row;  ///< -1 where a row is unassigned
  std::vector<int> row_of_column;  ///< -1 where a column is unassigned
  double total_cost = 0.0;         ///< sum over assigned pairs
};

Assignment solve_assignment(const Eigen::MatrixXd& cost);

/// The solver's buffers, kept by a caller that solves many problems (no allocation once grown).
struct AssignmentWorkspace {
  std::vector<double> u, v, min_v;
  std::vector<int> p, way;
  std::vector<char> used;
};

/// The same, for rows <= columns, into `result` with the buffers of `workspace`.
void solve_assignment(Eigen::Ref<const Eigen::MatrixXd> cost, AssignmentWorkspace& workspace,
                      Assignment& result);

}  // namespace straja::tracking
