#include "core/quantile.h"

#include <gtest/gtest.h>

#include <random>
#include <utility>
#include <vector>

namespace straja {
namespace {

TEST(NearestRankQuantile, IndexIsRoundedRankOfTheSortedValues) {
  const std::vector<double> values{5.0, 1.0, 4.0, 2.0, 3.0};
  EXPECT_EQ(nearest_rank_quantile(values, 0.0), 1.0);
  EXPECT_EQ(nearest_rank_quantile(values, 0.5), 3.0);
  EXPECT_EQ(nearest_rank_quantile(values, 0.99), 5.0);
  EXPECT_EQ(nearest_rank_quantile(values, 1.0), 5.0);
}

// Runs of equal values (a value in several runs, runs in any order) give what the same sample
// written out value by value gives, at every quantile.
TEST(NearestRankQuantile, RunsAgreeWithTheSampleWrittenOut) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> value(0, 20);
  std::uniform_int_distribution<std::size_t> count(1, 50);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<std::pair<double, std::size_t>> runs;
    std::vector<double> written;
    const int run_count = 1 + trial % 17;
    for (int r = 0; r < run_count; ++r) {
      runs.emplace_back(0.25 * value(rng), count(rng));
      written.insert(written.end(), runs.back().second, runs.back().first);
    }
    for (const double q : {0.0, 0.01, 0.25, 0.5, 0.75, 0.99, 1.0}) {
      EXPECT_EQ(nearest_rank_quantile(runs, q), nearest_rank_quantile(written, q))
          << "trial " << trial << " q " << q;
    }
  }
}

}  // namespace
}  // namespace straja
