// correct_clock_steps: a rotating radar's forward clock step is found from its azimuth advance and
// taken out of its later stamps exactly; steady data, an empty rotation, a slowly drifting
// rotation and a sensor without a known period are left alone. sort_by_time is stable and keeps
// every plot whole; batches puts every plot in its sensor's revolution, once, in time order.

#include "cli/track_plots.h"

#include <gtest/gtest.h>

#include <cmath>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "cli/track_outputs.h"
#include "core/units.h"

namespace straja::cli {
namespace {

constexpr double kPeriodS = 4.0;
const Time kStart = Time(std::chrono::seconds(1'780'308'000));

/// A radar's plot at azimuth `azimuth_deg` in rotation `rotation` (true time), stamped
/// `late_s` late.
Plot radar_plot(int rotation, double azimuth_deg, double late_s = 0.0, double period_s = kPeriodS) {
  Plot plot;
  plot.sensor = SensorIndex{0};
  plot.kind = SensorKind::kSsr;
  plot.azimuth_rad = units::deg_to_rad(azimuth_deg);
  plot.time = kStart + from_seconds(period_s * (rotation + azimuth_deg / 360.0) + late_s);
  return plot;
}

/// Two plots a rotation, at 30 and 200 deg, over `rotations`; from rotation `step_rotation` at
/// 200 deg on, `late_s` late.
std::vector<Plot> plots(int rotations, int step_rotation, double late_s,
                        double period_s = kPeriodS) {
  std::vector<Plot> out;
  for (int k = 0; k < rotations; ++k) {
    out.push_back(radar_plot(k, 30.0, k > step_rotation ? late_s : 0.0, period_s));
    out.push_back(radar_plot(k, 200.0, k >= step_rotation ? late_s : 0.0, period_s));
  }
  return out;
}

TEST(CorrectClockSteps, ForwardStepIsFoundAndTakenOutOfLaterStamps) {
  std::vector<Plot> stepped = plots(20, 8, 2.0);
  const std::vector<Plot> steady = plots(20, 8, 0.0);
  const auto steps = correct_clock_steps(stepped, {kPeriodS});
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_NEAR(steps[0].step_s, 2.0, 1e-6);
  EXPECT_EQ(steps[0].sensor, SensorIndex{0});
  ASSERT_EQ(stepped.size(), steady.size());
  for (std::size_t i = 0; i < steady.size(); ++i) {
    EXPECT_LE(std::abs(to_seconds(stepped[i].time - steady[i].time)), 1e-6) << i;
  }
}

TEST(CorrectClockSteps, SteadyDataGapsAndDriftAreLeftAlone) {
  std::vector<Plot> steady = plots(20, 0, 0.0);
  const std::vector<Plot> original = steady;
  EXPECT_TRUE(correct_clock_steps(steady, {kPeriodS}).empty());
  for (std::size_t i = 0; i < steady.size(); ++i) EXPECT_EQ(steady[i].time, original[i].time);

  // An empty rotation between two plots: a whole rotation more, not a step.
  std::vector<Plot> gap = {radar_plot(0, 30.0), radar_plot(2, 200.0)};
  EXPECT_TRUE(correct_clock_steps(gap, {kPeriodS}).empty());

  // The antenna turning 2% slower than the sensors file says: no step.
  std::vector<Plot> drifting = plots(40, 0, 0.0, kPeriodS * 1.02);
  EXPECT_TRUE(correct_clock_steps(drifting, {kPeriodS}).empty());

  // No period known: nothing is looked for.
  std::vector<Plot> unknown = plots(20, 8, 2.0);
  EXPECT_TRUE(correct_clock_steps(unknown, {0.0}).empty());
}

// Latency as live on one core: a plot waits for its batch to close, then for the core (busy with
// the batch before), then for its own batch's processing.
TEST(ReplayLatency, BatchWaitBacklogAndProcessingAddUp) {
  ReplayLatency latency;
  std::vector<Plot> first(2);
  first[0].time = kStart;
  first[1].time = kStart + std::chrono::seconds(3);
  latency.add_batch(kStart + std::chrono::seconds(4), 2.0, first);  // finishes at 6 s
  std::vector<Plot> second(1);
  second[0].time = kStart + std::chrono::seconds(4);
  latency.add_batch(kStart + std::chrono::seconds(5), 0.5, second);  // starts at 6 s: 6.5 s
  EXPECT_DOUBLE_EQ(latency.quantile_s(0.0), 2.5);
  EXPECT_DOUBLE_EQ(latency.quantile_s(0.5), 3.0);
  EXPECT_DOUBLE_EQ(latency.quantile_s(1.0), 6.0);
}

TEST(SortByTime, StableByTimeWithEveryPlotWhole) {
  std::vector<Plot> plots;
  const int seconds[] = {5, 1, 3, 1, 5, 0, 3};
  for (std::size_t i = 0; i < std::size(seconds); ++i) {
    Plot plot;
    plot.time = kStart + std::chrono::seconds(seconds[i]);
    plot.truth_id = static_cast<std::int64_t>(i);
    plot.callsign = "FLIGHT" + std::to_string(i);  // a heap string: moved, not lost
    plots.push_back(plot);
  }
  sort_by_time(plots);
  const std::int64_t expected[] = {5, 1, 3, 2, 6, 0, 4};  // equal times in input order
  ASSERT_EQ(plots.size(), std::size(expected));
  for (std::size_t i = 0; i < plots.size(); ++i) {
    EXPECT_EQ(plots[i].truth_id, expected[i]) << i;
    EXPECT_EQ(plots[i].callsign, "FLIGHT" + std::to_string(expected[i])) << i;
    if (i > 0) {
      EXPECT_LE(plots[i - 1].time, plots[i].time);
    }
  }
  const std::vector<Plot> sorted = plots;
  sort_by_time(plots);  // sorted plots are left as they are
  for (std::size_t i = 0; i < plots.size(); ++i) EXPECT_EQ(plots[i].truth_id, sorted[i].truth_id);
}

TEST(SortByTime, AgreesWithAStableSortOnShuffledPlots) {
  // Long permutation cycles as well as short ones, and many equal times.
  std::mt19937 random(4);
  std::uniform_int_distribution<int> tenths(0, 400);
  std::vector<Plot> plots(5'000);
  for (std::size_t i = 0; i < plots.size(); ++i) {
    plots[i].time = kStart + std::chrono::milliseconds(100 * tenths(random));
    plots[i].truth_id = static_cast<std::int64_t>(i);
  }
  std::vector<Plot> expected = plots;
  std::stable_sort(expected.begin(), expected.end(),
                   [](const Plot& a, const Plot& b) { return a.time < b.time; });
  sort_by_time(plots);
  ASSERT_EQ(plots.size(), expected.size());
  for (std::size_t i = 0; i < plots.size(); ++i) {
    ASSERT_EQ(plots[i].truth_id, expected[i].truth_id) << i;
  }
}

TEST(Batches, EveryPlotOnceInItsSensorsRevolutionInStartOrder) {
  SensorRegistry registry;
  registry.sensors.resize(2);
  const std::vector<double> periods = {4.0, 10.0};
  std::vector<Plot> plots;
  for (int tenth = 0; tenth < 300; tenth += 7) {  // 0 .. 29.4 s, both sensors
    for (std::uint16_t s = 0; s < 2; ++s) {
      Plot plot;
      plot.sensor = SensorIndex{s};
      plot.time = kStart + std::chrono::milliseconds(100 * tenth + 50 * s);
      plot.truth_id = static_cast<std::int64_t>(plots.size());
      plots.push_back(plot);
    }
  }
  const std::size_t count = plots.size();
  const BatchedPlots batched = batches(plots, registry, periods);
  const std::vector<BatchView>& scans = batched.batches;
  // The views cover the batched plots, one after another.
  std::size_t covered = 0;
  for (const BatchView& batch : scans) {
    ASSERT_EQ(batch.plots.data(), batched.plots.data() + covered);
    covered += batch.plots.size();
  }
  EXPECT_EQ(covered, batched.plots.size());
  std::vector<int> seen(count, 0);
  for (std::size_t b = 0; b < scans.size(); ++b) {
    const BatchView& batch = scans[b];
    if (b > 0) {
      EXPECT_LE(scans[b - 1].start, batch.start);
    }
    const double period = periods[batch.sensor.value];
    EXPECT_NEAR(to_seconds(batch.end - batch.start), period, 1e-9);
    ASSERT_FALSE(batch.plots.empty());
    for (std::size_t i = 0; i < batch.plots.size(); ++i) {
      const Plot& plot = batch.plots[i];
      EXPECT_EQ(plot.sensor, batch.sensor);
      EXPECT_GE(plot.time, batch.start);
      EXPECT_LT(plot.time, batch.end);
      if (i > 0) {
        EXPECT_LT(batch.plots[i - 1].time, plot.time);
      }
      ++seen[static_cast<std::size_t>(plot.truth_id)];
    }
  }
  for (std::size_t i = 0; i < count; ++i) EXPECT_EQ(seen[i], 1) << i;
  // 30 s: sensor 0 in 8 revolutions of 4 s, sensor 1 in 3 of 10 s (each from its first plot).
  EXPECT_EQ(scans.size(), 11u);
}

TEST(ParseSacSic, ReadsSacSlashSicInDecimal) {
  EXPECT_EQ(parse_sac_sic("7/9"), (SacSic{7, 9}));
  EXPECT_EQ(parse_sac_sic("0/255"), (SacSic{0, 255}));
  EXPECT_FALSE(parse_sac_sic("7/256"));
  EXPECT_FALSE(parse_sac_sic("7"));
  EXPECT_FALSE(parse_sac_sic("7/"));
  EXPECT_FALSE(parse_sac_sic("-1/2"));
  EXPECT_FALSE(parse_sac_sic("1/2/3"));
}

}  // namespace
}  // namespace straja::cli
