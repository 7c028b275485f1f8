#include "tracking/association/plot_grid.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>

namespace straja::tracking {
namespace {

std::vector<std::size_t> brute_force(const std::vector<Vec3>& points,
                                     const std::vector<double>& reach, const Vec3& centre,
                                     double radius) {
  std::vector<std::size_t> inside;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const double extra = reach.empty() ? 0.0 : reach[i];
    if ((points[i] - centre).head<2>().squaredNorm() <= (radius + extra) * (radius + extra)) {
      inside.push_back(i);
    }
  }
  return inside;
}

TEST(PlotGridTest, QueryReturnsExactlyThePointsWithinTheRadiusPlusTheirReach) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> where(-50'000.0, 50'000.0);
  std::uniform_real_distribution<double> radius(0.0, 8'000.0);
  // One grid rebuilt throughout (fewer points each time, cells and then none): nothing of an
  // earlier build may leak into a later one.
  PlotGrid grid;
  // Cells, and the few points (kScanAllAtMost or fewer) a query tests one by one.
  for (const std::size_t count : {std::size_t{2'000}, PlotGrid::kScanAllAtMost + 1,
                                  PlotGrid::kScanAllAtMost, std::size_t{3}}) {
    std::vector<Vec3> points;
    for (std::size_t i = 0; i < count; ++i) points.emplace_back(where(rng), where(rng), where(rng));
    // Without reach, and with each point's own (up to 3 km, a few points none).
    std::uniform_real_distribution<double> some_reach(0.0, 3'000.0);
    std::vector<double> reach;
    for (std::size_t i = 0; i < count; ++i) reach.push_back(i % 7 == 0 ? 0.0 : some_reach(rng));
    // Few points spread as widely find something only with large radii.
    const double scale = count >= 100 ? 1.0 : 5.0;
    for (const double cell : {1.0, 500.0, 3'000.0, 1e6}) {
      for (const bool with_reach : {false, true}) {
        const std::vector<double> reaches = with_reach ? reach : std::vector<double>{};
        grid.build(points, cell, reaches);
        for (int q = 0; q < 200; ++q) {
          // Centres inside and well outside the points' bounding box.
          const Vec3 centre(1.3 * where(rng), 1.3 * where(rng), 0.0);
          const double r = scale * radius(rng);
          std::vector<std::size_t> found{99'999};  // query appends
          grid.query(centre, r, found);
          found.erase(found.begin());
          std::sort(found.begin(), found.end());  // found in no particular order
          EXPECT_EQ(found, brute_force(points, reaches, centre, r))
              << count << " points, cell " << cell << (with_reach ? ", reach" : "") << " query "
              << q;
        }
      }
    }
  }
}

// Room reserved ahead changes no answer: builds within it and beyond it (more points, or a
// thin line of points with small cells, which needs far more cells than the reserve allows for),
// and a reserve made between a build and its queries, find what a fresh grid finds.
TEST(PlotGridTest, ReservedRoomChangesNoQuery) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> where(-50'000.0, 50'000.0);
  std::uniform_real_distribution<double> radius(0.0, 5'000.0);
  PlotGrid reserved;
  reserved.reserve(500);
  for (const std::size_t count : {std::size_t{500}, std::size_t{40}, std::size_t{3'000}}) {
    for (const bool line : {false, true}) {
      std::vector<Vec3> points;
      for (std::size_t i = 0; i < count; ++i) {
        points.emplace_back(where(rng), line ? 0.0 : where(rng), 0.0);
      }
      // On the line, 1 m cells: tens of thousands of columns in one row.
      const double cell = line ? 1.0 : 1'000.0;
      PlotGrid fresh;
      fresh.build(points, cell);
      reserved.build(points, cell);
      for (int q = 0; q < 100; ++q) {
        if (q == 50) reserved.reserve(4 * count);  // grows the room under the built grid
        const Vec3 centre(where(rng), line ? 0.0 : where(rng), 0.0);
        const double r = radius(rng);
        std::vector<std::size_t> from_fresh;
        std::vector<std::size_t> from_reserved;
        fresh.query(centre, r, from_fresh);
        reserved.query(centre, r, from_reserved);
        std::sort(from_fresh.begin(), from_fresh.end());
        std::sort(from_reserved.begin(), from_reserved.end());
        EXPECT_EQ(from_reserved, from_fresh) << count << (line ? " points on a line" : " points");
        EXPECT_EQ(from_reserved, brute_force(points, {}, centre, r));
      }
    }
  }
}

TEST(PlotGridTest, EmptyAndNonFiniteInputFindNothing) {
  PlotGrid grid;
  std::vector<std::size_t> found;
  grid.build({}, 100.0);
  grid.query(Vec3::Zero(), 1e9, found);
  EXPECT_TRUE(found.empty());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<Vec3> points{Vec3(nan, 0, 0), Vec3(10, 10, 0), Vec3(0, nan, 0)};
  grid.build(points, 100.0);
  grid.query(Vec3::Zero(), 1e9, found);
  EXPECT_EQ(found, std::vector<std::size_t>{1});
  found.clear();
  grid.query(Vec3(nan, 0, 0), 1e9, found);
  grid.query(Vec3::Zero(), nan, found);
  EXPECT_TRUE(found.empty());
}

TEST(PlotGridTest, CoincidentPointsAllFound) {
  const std::vector<Vec3> points(50, Vec3(5.0, -3.0, 0.0));
  PlotGrid grid;
  grid.build(points, 10.0);
  std::vector<std::size_t> found;
  grid.query(Vec3(5.0, -3.0, 0.0), 0.0, found);
  EXPECT_EQ(found.size(), 50u);
}

}  // namespace
}  // namespace straja::tracking
