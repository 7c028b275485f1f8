// End-to-end: a radar dropped mid-run (outage) and a 2 s clock jump on another radar are
// survived. The same scenario is simulated with and without the faults, tracked from its ASTERIX
// recordings with `straja track`, and scored with `straja eval`; the faulty run must finish, find
// the clock step (and nothing in the clean run), start no more than 1.5 times the confirmed tracks
// of the clean run (the primary-only targets' tracks age out in the outage and start again after
// it), and stay close to it in completeness and spuriousness. The counts of both runs are printed
// and recorded as test properties.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "run_process.h"
#include "test_files.h"

namespace straja {
namespace {

using testing::fresh_dir;
using testing::read_text;
using testing::run_process;
using testing::straja_binary;
namespace fs = std::filesystem;

/// Five minutes, a 3D primary radar and a Mode S SSR over the same airspace: airliners and light
/// aircraft with transponders (seen by both), a helicopter and a drone without (the primary only).
/// `faults_psr` and `faults_ssr` are added to each radar's entry.
std::string scenario(const std::string& faults_psr, const std::string& faults_ssr) {
  return R"(name: faults
reference: {lat_deg: 47.0, lon_deg: 28.85}
start: 2026-06-01T10:00:00Z
duration_s: 300
seed: 11
sensors:
  - id: psr-a
    kind: psr3d
    sac: 25
    sic: 1
    lat_deg: 47.0
    lon_deg: 28.85
    height_m: 200
    false_alarms_per_scan: 5
)" + faults_psr +
         R"(
  - id: ssr-b
    kind: ssr
    sac: 25
    sic: 2
    lat_deg: 47.25
    lon_deg: 28.55
    height_m: 150
    rotation_period_s: 5
)" + faults_ssr +
         R"(
targets:
  - {id: 1, class: airliner, lat_deg: 47.40, lon_deg: 28.20, alt_m: 10000, heading_deg: 120, speed_mps: 230, icao: "4B1801", callsign: "THY1"}
  - {id: 2, class: airliner, lat_deg: 46.70, lon_deg: 29.40, alt_m: 11000, heading_deg: 300, speed_mps: 240, icao: "4B1802", callsign: "THY2"}
  - {id: 3, class: airliner, lat_deg: 46.80, lon_deg: 28.30, alt_m: 9000, heading_deg: 45, speed_mps: 220, icao: "4B1803"}
  - {id: 4, class: business_jet, lat_deg: 47.30, lon_deg: 29.30, alt_m: 8000, heading_deg: 230, speed_mps: 200, icao: "4B1804"}
  - {id: 5, class: general_aviation, lat_deg: 47.10, lon_deg: 28.60, alt_m: 1500, heading_deg: 80, speed_mps: 60, mode3a: "4321"}
  - {id: 6, class: general_aviation, lat_deg: 46.90, lon_deg: 29.00, alt_m: 2000, heading_deg: 260, speed_mps: 55, mode3a: "4322"}
  - {id: 7, class: helicopter, lat_deg: 47.05, lon_deg: 29.10, alt_m: 800, heading_deg: 180, speed_mps: 50}
  - {id: 8, class: fixed_wing_uav, lat_deg: 46.95, lon_deg: 28.70, alt_m: 1200, heading_deg: 20, speed_mps: 35, rcs_m2: 0.5}
)";
}

struct RunCounts {
  int track_exit = -1;
  std::uint64_t plots = 0;
  std::uint64_t confirmed_tracks = 0;  ///< confirmed tracks started (track --stats)
  double completeness = 0.0;
  double spuriousness = 0.0;
  double gospa_mean = 0.0;
  double missed_mean = 0.0;
  double false_mean = 0.0;
  std::size_t track_ids = 0;
  std::size_t clock_steps = 0;  ///< clock steps `straja track` found and took out
};

/// Simulates `yaml`, tracks its ASTERIX recordings and scores the tracks.
RunCounts simulate_track_and_score(const std::string& name, const std::string& yaml) {
  RunCounts counts;
  const fs::path dir = fresh_dir("faults", name);
  const std::string d = dir.string();
  std::ofstream(dir / "scenario.yaml") << yaml;
  const auto simulate =
      run_process(straja_binary() + " simulate " + d + "/scenario.yaml --out " + d);
  EXPECT_EQ(simulate.exit_code, 0) << simulate.output;
  const auto track =
      run_process(straja_binary() + " track " + d + "/psr-a.ast " + d + "/ssr-b.ast --sensors " +
                  d + "/sensors.yaml --out " + d + "/tracks.csv --stats");
  counts.track_exit = track.exit_code;
  for (std::size_t at = track.output.find("clock stepped"); at != std::string::npos;
       at = track.output.find("clock stepped", at + 1)) {
    ++counts.clock_steps;
  }
  // Exit 0, or 1 for bad input skipped (docs: README, exit status); never a crash.
  EXPECT_TRUE(track.exit_code == 0 || track.exit_code == 1) << track.output;
  const auto stats_at = track.output.find("{\"scans\"");
  EXPECT_NE(stats_at, std::string::npos) << track.output;
  if (stats_at != std::string::npos) {
    const auto stats = nlohmann::json::parse(
        track.output.substr(stats_at, track.output.find('\n', stats_at) - stats_at), nullptr,
        false);
    counts.plots = stats.value("plots", 0ull);
    counts.confirmed_tracks = stats.value("tracks", 0ull);
  }
  const auto eval =
      run_process(straja_binary() + " eval --truth " + d + "/truth.csv --tracks " + d +
                  "/tracks.csv --plots " + d + "/plots.csv --json " + d + "/summary.json");
  EXPECT_TRUE(eval.exit_code == 0 || eval.exit_code == 1) << eval.output;
  const auto summary = nlohmann::json::parse(read_text(dir / "summary.json"), nullptr, false);
  EXPECT_FALSE(summary.is_discarded()) << eval.output;
  if (!summary.is_discarded()) {
    counts.completeness = summary.value("completeness", 0.0);
    counts.spuriousness = summary.value("spuriousness", 1.0);
    counts.gospa_mean = summary.value("gospa_mean", 0.0);
    counts.missed_mean = summary.value("missed_mean", 0.0);
    counts.false_mean = summary.value("false_mean", 0.0);
    counts.track_ids = summary.value("track_ids", std::size_t{0});
  }
  if (name == "faulty") {
    // The faults are the evaluation's to know (truth_sensors.yaml), never the tracker's.
    const std::string truth_sensors = read_text(dir / "truth_sensors.yaml");
    EXPECT_NE(truth_sensors.find("outages:"), std::string::npos) << truth_sensors;
    EXPECT_NE(truth_sensors.find("clock_jumps:"), std::string::npos) << truth_sensors;
    EXPECT_EQ(read_text(dir / "sensors.yaml").find("outage"), std::string::npos);
    EXPECT_EQ(read_text(dir / "sensors.yaml").find("clock_jumps"), std::string::npos);
  }
  fs::remove_all(dir);
  return counts;
}

std::string describe(const RunCounts& c) {
  std::ostringstream out;
  out << "track exit " << c.track_exit << ", " << c.plots << " plots, " << c.confirmed_tracks
      << " confirmed tracks started, " << c.track_ids << " track ids scored, completeness "
      << c.completeness << ", spuriousness " << c.spuriousness << ", GOSPA " << c.gospa_mean
      << " m (missed " << c.missed_mean << ", false " << c.false_mean << "), " << c.clock_steps
      << " clock step(s) found";
  return out.str();
}

void record(const std::string& prefix, const RunCounts& c) {
  ::testing::Test::RecordProperty(prefix + "_confirmed_tracks",
                                  static_cast<int>(c.confirmed_tracks));
  ::testing::Test::RecordProperty(prefix + "_plots", static_cast<int>(c.plots));
  ::testing::Test::RecordProperty(prefix + "_completeness", std::to_string(c.completeness));
  ::testing::Test::RecordProperty(prefix + "_spuriousness", std::to_string(c.spuriousness));
}

TEST(CliSensorFaults, OutageAndClockJumpAreSurvivedWithoutTrackExplosion) {
  const RunCounts clean = simulate_track_and_score("clean", scenario("", ""));
  // The primary radar is down from 100 s to 180 s; the SSR's clock jumps 2 s at 150 s.
  const RunCounts faulty =
      simulate_track_and_score("faulty", scenario("    outages: [{start_s: 100, end_s: 180}]",
                                                  "    clock_jumps: [{at_s: 150, jump_s: 2.0}]"));
  std::cout << "without faults: " << describe(clean) << "\n"
            << "with faults:    " << describe(faulty) << "\n";
  record("clean", clean);
  record("faulty", faulty);

  EXPECT_LT(faulty.plots, clean.plots) << "the outage removed the radar's plots";
  EXPECT_EQ(clean.clock_steps, 0u);
  EXPECT_EQ(faulty.clock_steps, 1u) << "the SSR's 2 s jump is found from its rotation";
  ASSERT_GT(clean.confirmed_tracks, 0u);
  EXPECT_LE(static_cast<double>(faulty.confirmed_tracks),
            1.5 * static_cast<double>(clean.confirmed_tracks))
      << "track explosion";
  EXPECT_GE(faulty.completeness, clean.completeness - 0.15);
  EXPECT_LE(faulty.spuriousness, clean.spuriousness + 0.10);
}

}  // namespace
}  // namespace straja
