#include "tracking/association/plot_grid.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace straja::tracking {
namespace {
constexpr std::size_t kNoCell = std::numeric_limits<std::size_t>::max();
}  // namespace

void PlotGrid::build(std::span<const Vec3> points, double cell_m) {
  const std::size_t n = points.size();
  east_.resize(n);
  north_.resize(n);
  cell_of_.resize(n);
  if (n == 0) {
    columns_ = rows_ = 0;
    cell_start_.assign(1, 0);
    entries_.clear();
    return;
  }
  // Points with a non-finite coordinate are left out: they are near nothing.
  min_east_ = min_north_ = std::numeric_limits<double>::infinity();
  double max_east = -min_east_;
  double max_north = -min_north_;
  std::size_t finite = 0;
  for (std::size_t i = 0; i < n; ++i) {
    east_[i] = points[i](0);
    north_[i] = points[i](1);
    if (!std::isfinite(east_[i]) || !std::isfinite(north_[i])) continue;
    ++finite;
    min_east_ = std::min(min_east_, east_[i]);
    max_east = std::max(max_east, east_[i]);
    min_north_ = std::min(min_north_, north_[i]);
    max_north = std::max(max_north, north_[i]);
  }
  if (finite == 0) {
    columns_ = rows_ = 0;
    cell_start_.assign(1, 0);
    entries_.clear();
    return;
  }
  if (finite <= kScanAllAtMost) {
    // Few points: a query tests each (in index order), cheaper than finding cells.
    columns_ = rows_ = 1;
    entries_.clear();
    for (std::size_t i = 0; i < n; ++i) {
      if (std::isfinite(east_[i]) && std::isfinite(north_[i])) entries_.push_back(i);
    }
    cell_start_.assign({0, entries_.size()});
    scan_all_ = true;
    return;
  }
  scan_all_ = false;
  // At most ~4 cells per point (and at least 1 m): memory stays linear in the batch.
  const double area = (max_east - min_east_ + 1.0) * (max_north - min_north_ + 1.0);
  cell_m_ = std::max({cell_m, 1.0, std::sqrt(area / (4.0 * static_cast<double>(finite) + 16.0))});
  columns_ = static_cast<long>((max_east - min_east_) / cell_m_) + 1;
  rows_ = static_cast<long>((max_north - min_north_) / cell_m_) + 1;
  const auto cells = static_cast<std::size_t>(columns_ * rows_);
  cell_start_.assign(cells + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(east_[i]) || !std::isfinite(north_[i])) {
      cell_of_[i] = kNoCell;
      continue;
    }
    const auto column = static_cast<std::size_t>((east_[i] - min_east_) / cell_m_);
    const auto row = static_cast<std::size_t>((north_[i] - min_north_) / cell_m_);
    cell_of_[i] = row * static_cast<std::size_t>(columns_) + column;
    ++cell_start_[cell_of_[i] + 1];
  }
  for (std::size_t k = 0; k < cells; ++k) cell_start_[k + 1] += cell_start_[k];
  // Counting sort, stable (ascending indices within a cell): each cell's start is its write
  // cursor, which ends at the next cell's start; shifting by one restores the starts.
  entries_.resize(finite);
  for (std::size_t i = 0; i < n; ++i) {
    if (cell_of_[i] != kNoCell) entries_[cell_start_[cell_of_[i]]++] = i;
  }
  for (std::size_t k = cells; k > 0; --k) cell_start_[k] = cell_start_[k - 1];
  cell_start_[0] = 0;
}

void PlotGrid::query(const Vec3& centre, double radius_m, std::vector<std::size_t>& out) const {
  if (columns_ == 0 || !(radius_m >= 0.0) || !std::isfinite(centre(0)) ||
      !std::isfinite(centre(1))) {
    return;
  }
  const double radius_squared = radius_m * radius_m;
  if (scan_all_) {
    for (const std::size_t i : entries_) {
      const double de = east_[i] - centre(0);
      const double dn = north_[i] - centre(1);
      if (de * de + dn * dn <= radius_squared) out.push_back(i);
    }
    return;
  }
  const std::size_t first = out.size();
  auto cell_index = [&](double value, double origin, long count) {
    const double index = std::floor((value - origin) / cell_m_);
    return static_cast<long>(std::clamp(index, -1.0, static_cast<double>(count)));
  };
  const long column_lo = std::max(0L, cell_index(centre(0) - radius_m, min_east_, columns_));
  const long column_hi =
      std::min(columns_ - 1, cell_index(centre(0) + radius_m, min_east_, columns_));
  const long row_lo = std::max(0L, cell_index(centre(1) - radius_m, min_north_, rows_));
  const long row_hi = std::min(rows_ - 1, cell_index(centre(1) + radius_m, min_north_, rows_));
  for (long row = row_lo; row <= row_hi && column_lo <= column_hi; ++row) {
    // The row's cells column_lo..column_hi are contiguous in entries_.
    const auto base = static_cast<std::size_t>(row * columns_);
    const std::size_t begin = cell_start_[base + static_cast<std::size_t>(column_lo)];
    const std::size_t end = cell_start_[base + static_cast<std::size_t>(column_hi) + 1];
    for (std::size_t k = begin; k < end; ++k) {
      const std::size_t i = entries_[k];
      const double de = east_[i] - centre(0);
      const double dn = north_[i] - centre(1);
      if (de * de + dn * dn <= radius_squared) out.push_back(i);
    }
  }
  if (out.size() - first > 1)
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
}

}  // namespace straja::tracking
