#include "tracking/association/assignment.h"

#include <algorithm>
#include <cmath>

namespace straja::tracking {
namespace {

// Solves rows <= cols. Forbidden entries are replaced by a cost larger than any finite
// assignment can reach, so they are only chosen when nothing else completes the matching; such
// pairs are dropped afterwards.
void solve_wide(Eigen::Ref<const Eigen::MatrixXd> cost, AssignmentWorkspace& work,
                Assignment& result) {
  const int rows = static_cast<int>(cost.rows());
  const int cols = static_cast<int>(cost.cols());
  double finite_span = 0.0;
  for (int i = 0; i < rows; ++i) {
    for (int j = 0; j < cols; ++j) {
      if (std::isfinite(cost(i, j))) finite_span = std::max(finite_span, std::abs(cost(i, j)));
    }
  }
  const double big = (finite_span + 1.0) * (rows + 1) * 2.0;
  auto at = [&](int i, int j) { return std::isfinite(cost(i, j)) ? cost(i, j) : big; };

  // 1-based arrays; column 0 is the virtual start of each augmenting path.
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double>& u = work.u;
  std::vector<double>& v = work.v;
  std::vector<int>& p = work.p;      // row matched to column j
  std::vector<int>& way = work.way;  // previous column on the path
  std::vector<double>& min_v = work.min_v;
  std::vector<char>& used = work.used;
  u.assign(static_cast<std::size_t>(rows + 1), 0.0);
  v.assign(static_cast<std::size_t>(cols + 1), 0.0);
  p.assign(static_cast<std::size_t>(cols + 1), 0);
  way.assign(static_cast<std::size_t>(cols + 1), 0);
  min_v.resize(static_cast<std::size_t>(cols + 1));
  used.resize(static_cast<std::size_t>(cols + 1));
  for (int i = 1; i <= rows; ++i) {
    p[0] = i;
    int j0 = 0;
    std::fill(min_v.begin(), min_v.end(), inf);
    std::fill(used.begin(), used.end(), 0);
    do {
      used[static_cast<std::size_t>(j0)] = 1;
      const int i0 = p[static_cast<std::size_t>(j0)];
      double delta = inf;
      int j1 = 0;
      for (int j = 1; j <= cols; ++j) {
        const auto ju = static_cast<std::size_t>(j);
        if (used[ju]) continue;
        const double reduced = at(i0 - 1, j - 1) - u[static_cast<std::size_t>(i0)] - v[ju];
        if (reduced < min_v[ju]) {
          min_v[ju] = reduced;
          way[ju] = j0;
        }
        if (min_v[ju] < delta) {
          delta = min_v[ju];
          j1 = j;
        }
      }
      for (int j = 0; j <= cols; ++j) {
        const auto ju = static_cast<std::size_t>(j);
        if (used[ju]) {
          u[static_cast<std::size_t>(p[ju])] += delta;
          v[ju] -= delta;
        } else {
          min_v[ju] -= delta;
        }
      }
      j0 = j1;
    } while (p[static_cast<std::size_t>(j0)] != 0);
    do {  // augment along the path
      const int j1 = way[static_cast<std::size_t>(j0)];
      p[static_cast<std::size_t>(j0)] = p[static_cast<std::size_t>(j1)];
      j0 = j1;
    } while (j0 != 0);
  }

  result.total_cost = 0.0;
  result.column_of_row.assign(static_cast<std::size_t>(rows), -1);
  result.row_of_column.assign(static_cast<std::size_t>(cols), -1);
  for (int j = 1; j <= cols; ++j) {
    const int i = p[static_cast<std::size_t>(j)];
    if (i == 0 || !std::isfinite(cost(i - 1, j - 1))) continue;
    result.column_of_row[static_cast<std::size_t>(i - 1)] = j - 1;
    result.row_of_column[static_cast<std::size_t>(j - 1)] = i - 1;
    result.total_cost += cost(i - 1, j - 1);
  }
}

}  // namespace

Assignment solve_assignment(const Eigen::MatrixXd& cost) {
  if (cost.rows() == 0 || cost.cols() == 0) {
    Assignment empty;
    empty.column_of_row.assign(static_cast<std::size_t>(cost.rows()), -1);
    empty.row_of_column.assign(static_cast<std::size_t>(cost.cols()), -1);
    return empty;
  }
  AssignmentWorkspace workspace;
  Assignment result;
  if (cost.rows() <= cost.cols()) {
    solve_wide(cost, workspace, result);
    return result;
  }
  const Eigen::MatrixXd transposed = cost.transpose();
  solve_wide(transposed, workspace, result);
  std::swap(result.column_of_row, result.row_of_column);
  return result;
}

void solve_assignment(Eigen::Ref<const Eigen::MatrixXd> cost, AssignmentWorkspace& workspace,
                      Assignment& result) {
  if (cost.rows() == 0 || cost.cols() == 0 || cost.rows() > cost.cols()) {
    result = solve_assignment(Eigen::MatrixXd(cost));
    return;
  }
  solve_wide(cost, workspace, result);
}

}  // namespace straja::tracking
