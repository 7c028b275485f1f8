#pragma once
// A uniform grid over points of the horizontal plane (the plots of one batch, by their east and
// north), for the tracker's coarse pre-gate: a query returns the points within a distance of a
// centre, so gating costs about (tracks + plots) instead of tracks x plots.
//
// Contract: `build` sorts the points into square cells of side `cell_m` (enlarged when the
// points' bounding box would need more than 4 cells per point; with kScanAllAtMost points or
// fewer, no cells: a query tests every point), each point with its own reach (`reach_m[i]` >= 0,
// zero when not given); `query` appends to `out`, in no particular order (the callers that
// care sort what is left after their own tests, usually far fewer), exactly the indices of the
// points whose planar distance from `centre` is <= `radius_m` + their reach. No
// allocation once the buffers have grown to the largest batch seen.

#include <cstddef>
#include <span>
#include <vector>

#include "tracking/types.h"

namespace straja::tracking {

class PlotGrid {
 public:
  static constexpr std::size_t kScanAllAtMost = 32;

  /// `reach_m`: empty, or one reach per point (a point's own uncertainty, which the tracker's
  /// pre-gate adds to the track's); a point beyond its size, or with a negative or NaN reach,
  /// has none.
  void build(std::span<const Vec3> points, double cell_m, std::span<const double> reach_m = {});
  /// Not const: it writes its candidates to a buffer of the grid's (one query at a time).
  void query(const Vec3& centre, double radius_m, std::vector<std::size_t>& out);
  /// Room for `points` points and the cells build makes for points that fill a square (twice
  /// that many), grown and committed now (grow_on_huge_pages): building over that many then
  /// allocates nothing and waits on no page fault, unless the points lie along a thin strip
  /// (more cells). Queries are unchanged, before and after.
  void reserve(std::size_t points);

 private:
  double min_east_ = 0.0;
  double min_north_ = 0.0;
  double cell_m_ = 1.0;
  long columns_ = 0;                     // cells along east
  long rows_ = 0;                        // cells along north
  bool scan_all_ = false;                // few points: entries_ holds them all, no cells
  std::vector<std::size_t> cell_start_;  // CSR: points of cell k are entries [start[k], start[k+1])
  std::vector<std::size_t> entries_;     // point indices, by cell, ascending within a cell
  // The entries' coordinates beside them (a query reads them in order, not through the index).
  std::vector<double> entry_east_;
  std::vector<double> entry_north_;
  std::vector<double> entry_reach_;
  double max_reach_m_ = 0.0;
  std::vector<std::size_t> cell_of_;  // scratch: each point's cell
  std::vector<std::size_t> scratch_;  // a query's tested entries, those inside first
};

}  // namespace straja::tracking
