#include "tracking/association/plot_grid.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/huge_pages.h"

namespace straja::tracking {
namespace {
constexpr std::size_t kNoCell = std::numeric_limits<std::size_t>::max();
}  // namespace

void PlotGrid::build(std::span<const Vec3> points, double cell_m, std::span<const double> reach_m) {
  const std::size_t n = points.size();
  cell_of_.resize(n);
  max_reach_m_ = 0.0;
  // Points with a non-finite coordinate are left out: they are near nothing.
  const auto finite_at = [&](std::size_t i) {
    return std::isfinite(points[i](0)) && std::isfinite(points[i](1));
  };
  // A reach not given (or negative, or NaN) is none.
  const auto reach_of = [&](std::size_t i) {
    return i < reach_m.size() ? std::max(0.0, reach_m[i]) : 0.0;
  };
  min_east_ = min_north_ = std::numeric_limits<double>::infinity();
  double max_east = -min_east_;
  double max_north = -min_north_;
  std::size_t finite = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!finite_at(i)) continue;
    ++finite;
    min_east_ = std::min(min_east_, points[i](0));
    max_east = std::max(max_east, points[i](0));
    min_north_ = std::min(min_north_, points[i](1));
    max_north = std::max(max_north, points[i](1));
    max_reach_m_ = std::max(max_reach_m_, reach_of(i));
  }
  entries_.resize(finite);
  entry_east_.resize(finite);
  entry_north_.resize(finite);
  entry_reach_.resize(finite);
  scratch_.resize(finite);
  const auto place = [&](std::size_t k, std::size_t i) {
    entries_[k] = i;
    entry_east_[k] = points[i](0);
    entry_north_[k] = points[i](1);
    entry_reach_[k] = reach_of(i);
  };
  if (finite == 0) {
    columns_ = rows_ = 0;
    cell_start_.assign(1, 0);
    return;
  }
  if (finite <= kScanAllAtMost) {
    // Few points: a query tests each (in index order), cheaper than finding cells.
    columns_ = rows_ = 1;
    std::size_t k = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (finite_at(i)) place(k++, i);
    }
    cell_start_.assign({0, finite});
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
    if (!finite_at(i)) {
      cell_of_[i] = kNoCell;
      continue;
    }
    const auto column = static_cast<std::size_t>((points[i](0) - min_east_) / cell_m_);
    const auto row = static_cast<std::size_t>((points[i](1) - min_north_) / cell_m_);
    cell_of_[i] = row * static_cast<std::size_t>(columns_) + column;
    ++cell_start_[cell_of_[i] + 1];
  }
  for (std::size_t k = 0; k < cells; ++k) cell_start_[k + 1] += cell_start_[k];
  // Counting sort, stable (ascending indices within a cell): each cell's start is its write
  // cursor, which ends at the next cell's start; shifting by one restores the starts.
  for (std::size_t i = 0; i < n; ++i) {
    if (cell_of_[i] != kNoCell) place(cell_start_[cell_of_[i]]++, i);
  }
  for (std::size_t k = cells; k > 0; --k) cell_start_[k] = cell_start_[k - 1];
  cell_start_[0] = 0;
}

void PlotGrid::reserve(std::size_t points) {
  grow_each_on_huge_pages(points, cell_of_, entries_, entry_east_, entry_north_, entry_reach_,
                          scratch_);
  // build makes about 4 cells per point where the points fill a square; twice that here.
  grow_on_huge_pages(cell_start_, 8 * points + 64);
}

void PlotGrid::query(const Vec3& centre, double radius_m, std::vector<std::size_t>& out) {
  if (columns_ == 0 || !(radius_m >= 0.0) || !std::isfinite(centre(0)) ||
      !std::isfinite(centre(1))) {
    return;
  }
  // Each tested entry is written to scratch_ and kept when inside, without a branch per entry
  // (whether a point is inside is unpredictable).
  std::size_t* const written = scratch_.data();
  std::size_t count = 0;
  const double* const east = entry_east_.data();
  const double* const north = entry_north_.data();
  const double* const reach = entry_reach_.data();
  const std::size_t* const point_of = entries_.data();
  const double centre_east = centre(0);
  const double centre_north = centre(1);
  const auto scan = [&](std::size_t begin, std::size_t end) {
    for (std::size_t k = begin; k < end; ++k) {
      const double de = east[k] - centre_east;
      const double dn = north[k] - centre_north;
      const double within = radius_m + reach[k];
      written[count] = point_of[k];
      count += de * de + dn * dn <= within * within ? 1 : 0;
    }
  };
  if (scan_all_) {
    scan(0, entries_.size());
  } else {
    // The cells any point within the radius plus the largest reach can lie in; a row's cells
    // are contiguous in entries_.
    const double box = radius_m + max_reach_m_;
    auto cell_index = [&](double value, double origin, long count_along) {
      const double index = std::floor((value - origin) / cell_m_);
      return static_cast<long>(std::clamp(index, -1.0, static_cast<double>(count_along)));
    };
    const long column_lo = std::max(0L, cell_index(centre_east - box, min_east_, columns_));
    const long column_hi =
        std::min(columns_ - 1, cell_index(centre_east + box, min_east_, columns_));
    const long row_lo = std::max(0L, cell_index(centre_north - box, min_north_, rows_));
    const long row_hi = std::min(rows_ - 1, cell_index(centre_north + box, min_north_, rows_));
    for (long row = row_lo; row <= row_hi && column_lo <= column_hi; ++row) {
      const auto base = static_cast<std::size_t>(row * columns_);
      scan(cell_start_[base + static_cast<std::size_t>(column_lo)],
           cell_start_[base + static_cast<std::size_t>(column_hi) + 1]);
    }
  }
  out.insert(out.end(), written, written + count);
}

}  // namespace straja::tracking
