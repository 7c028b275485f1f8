#include "tracking/association/assignment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>

namespace straja::tracking {
namespace {

// Exhaustive minimum over all injective maps of rows into columns (rows <= cols), skipping
// forbidden pairs (a row may then stay unassigned at cost `unassigned_penalty`... not used here).
double brute_force(const Eigen::MatrixXd& cost) {
  std::vector<int> columns(static_cast<std::size_t>(cost.cols()));
  std::iota(columns.begin(), columns.end(), 0);
  double best = std::numeric_limits<double>::infinity();
  do {
    double total = 0.0;
    for (Eigen::Index r = 0; r < cost.rows(); ++r)
      total += cost(r, columns[static_cast<std::size_t>(r)]);
    best = std::min(best, total);
  } while (std::next_permutation(columns.begin(), columns.end()));
  return best;
}

TEST(AssignmentTest, MatchesExhaustiveSearchOnRandomMatrices) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> value(-10.0, 100.0);
  for (int trial = 0; trial < 200; ++trial) {
    const int rows = 1 + trial % 5;
    const int cols = rows + trial % 3;
    Eigen::MatrixXd cost(rows, cols);
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < cols; ++c) cost(r, c) = value(rng);
    const Assignment assignment = solve_assignment(cost);
    EXPECT_NEAR(assignment.total_cost, brute_force(cost), 1e-9) << cost;
    // Every row assigned, each column at most once, and the two maps agree.
    for (int r = 0; r < rows; ++r) {
      const int c = assignment.column_of_row[static_cast<std::size_t>(r)];
      ASSERT_GE(c, 0);
      EXPECT_EQ(assignment.row_of_column[static_cast<std::size_t>(c)], r);
    }
    // The transposed (tall) problem has the same optimum.
    EXPECT_NEAR(solve_assignment(cost.transpose()).total_cost, assignment.total_cost, 1e-9);
  }
}

TEST(AssignmentTest, ForbiddenPairsAreNeverChosen) {
  Eigen::MatrixXd cost(2, 2);
  cost << 1.0, kForbidden,  //
      kForbidden, kForbidden;
  const Assignment assignment = solve_assignment(cost);
  EXPECT_EQ(assignment.column_of_row[0], 0);
  EXPECT_EQ(assignment.column_of_row[1], -1);
  EXPECT_DOUBLE_EQ(assignment.total_cost, 1.0);
}

TEST(AssignmentTest, PrefersGlobalOptimumOverGreedy) {
  Eigen::MatrixXd cost(2, 2);
  cost << 1.0, 2.0,  //
      2.0, 100.0;    // greedy takes (0,0) then (1,1) = 101; optimum (0,1)+(1,0) = 4
  const Assignment assignment = solve_assignment(cost);
  EXPECT_EQ(assignment.column_of_row[0], 1);
  EXPECT_EQ(assignment.column_of_row[1], 0);
  EXPECT_DOUBLE_EQ(assignment.total_cost, 4.0);
}

TEST(AssignmentTest, EmptyProblems) {
  EXPECT_TRUE(solve_assignment(Eigen::MatrixXd(0, 3)).column_of_row.empty());
  EXPECT_EQ(solve_assignment(Eigen::MatrixXd(2, 0)).column_of_row, (std::vector<int>{-1, -1}));
}

}  // namespace
}  // namespace straja::tracking
