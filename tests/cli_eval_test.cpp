// End-to-end: `straja eval` on the shared benchmark's files (agreement with its own scorer), on a
// simulated and tracked run (every JSON key present), and on bad input (one line naming the file,
// line and field).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "run_process.h"
#include "test_files.h"

namespace straja {
namespace {

using testing::fresh_dir;
using testing::run_process;
using testing::straja_binary;
namespace fs = std::filesystem;

nlohmann::json read_json(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in, nullptr, false);
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

TEST(CliEval, Bench2dFiguresAgreeWithTheSharedScorer) {
  const fs::path bench = fs::path(STRAJA_SHARED_DIR) / "bench" / "bench_gnn.py";
  if (!fs::exists(bench)) GTEST_SKIP() << "shared benchmark not found at " << bench;
  if (run_process("/usr/bin/python3 -c 'import numpy, scipy'").exit_code != 0) {
    GTEST_SKIP() << "python3 with numpy and scipy is needed to run the shared scorer";
  }
  const auto dir = fresh_dir("eval", "bench");
  const std::string d = dir.string();
  ASSERT_EQ(run_process("/usr/bin/python3 " + bench.string() +
                        " -n 30 --seed 3 --trackers none --out " + d)
                .exit_code,
            0);
  ASSERT_EQ(run_process(straja_binary() + " track --bench2d " + d + "/detections.csv --out " + d +
                        "/tracks.csv")
                .exit_code,
            0);
  const auto reference =
      run_process("/usr/bin/python3 " + bench.string() + " --score " + d + "/tracks.csv --truth " +
                  d + "/truth.csv > " + d + "/ref.json");
  ASSERT_EQ(reference.exit_code, 0) << reference.output;
  const auto ours =
      run_process(straja_binary() + " eval --bench2d --truth " + d + "/truth.csv --tracks " + d +
                  "/tracks.csv --json " + d + "/ours.json");
  ASSERT_EQ(ours.exit_code, 0) << ours.output;
  const auto a = read_json(dir / "ref.json");
  const auto b = read_json(dir / "ours.json");
  for (const char* key : {"gospa_mean", "gospa_loc_rms_m", "missed_mean", "false_mean"}) {
    const double x = a.at(key).get<double>();
    const double y = b.at(key).get<double>();
    EXPECT_LE(std::abs(x - y), 1e-6 * std::max(1.0, std::abs(x)))
        << key << ": " << x << " vs " << y;
  }
  EXPECT_EQ(a.at("scans_scored"), b.at("scans_scored"));
  EXPECT_TRUE(b.at("rms_vertical_m").is_null());  // flat data: no vertical figure
  fs::remove_all(dir);
}

TEST(CliEval, SimulatedRunHasEveryKeyAndAReport) {
  const auto dir = fresh_dir("eval", "demo");
  const std::string d = dir.string();
  const auto demo =
      run_process(straja_binary() +
                  " demo --scenario first-light --speed max --no-serve --duration 200 --out " + d);
  ASSERT_EQ(demo.exit_code, 0) << demo.output;
  // sensors.yaml of the same scenario (the simulator writes it; the demo does not).
  const auto simulate = run_process(straja_binary() + " simulate first-light --out " + d + "/sim");
  ASSERT_EQ(simulate.exit_code, 0) << simulate.output;
  const auto run =
      run_process(straja_binary() + " eval --truth " + d + "/truth.csv --tracks " + d +
                  "/tracks.csv --plots " + d + "/plots.csv --sensors " + d +
                  "/sim/sensors.yaml --json " + d + "/summary.json --report " + d + "/report.html");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("GOSPA mean"), std::string::npos) << run.output;
  const auto s = read_json(dir / "summary.json");
  ASSERT_TRUE(s.is_object());
  for (const char* key : {"gospa_mean", "gospa_loc_rms_m", "missed_mean", "false_mean", "ospa_mean",
                          "completeness", "ambiguity", "spuriousness", "track_switches",
                          "rms_horizontal_m", "rms_vertical_m", "requirements", "targets"}) {
    EXPECT_TRUE(s.contains(key)) << key;
  }
  // The built-in scenario is easy: every figure is a number and the picture is good.
  EXPECT_TRUE(s.at("rms_vertical_m").is_number());
  EXPECT_GT(s.at("completeness").get<double>(), 0.9);
  EXPECT_LT(s.at("rms_horizontal_m").get<double>(), 300.0);
  EXPECT_EQ(s.at("requirements").size(), 4u);
  // PCRLB along every target's path: a bound of tens to hundreds of metres for this radar, and a
  // tracker error of the same order.
  ASSERT_TRUE(s.at("pcrlb_rms_m").is_number());
  EXPECT_GT(s.at("pcrlb_rms_m").get<double>(), 10.0);
  EXPECT_LT(s.at("pcrlb_rms_m").get<double>(), 1000.0);
  EXPECT_GT(s.at("efficiency_mean").get<double>(), 0.2);
  EXPECT_LT(s.at("efficiency_mean").get<double>(), 5.0);
  for (const auto& target : s.at("targets")) EXPECT_TRUE(target.contains("efficiency"));
  std::ifstream report(dir / "report.html");
  const std::string html((std::istreambuf_iterator<char>(report)),
                         std::istreambuf_iterator<char>());
  for (const char* chart : {"gospa", "counts", "target-errors", "timelines", "map"}) {
    EXPECT_NE(html.find(std::string("data-chart=\"") + chart + "\""), std::string::npos) << chart;
  }
  EXPECT_EQ(html.find("http://"), std::string::npos);  // self-contained
  EXPECT_EQ(html.find("https://"), std::string::npos);
  fs::remove_all(dir);
}

TEST(CliEval, ATrackReportedTwiceAtOneTimeCountsOnce) {
  // Two sensor batches ending at the same time: the tracker wrote track 7 twice at t = 0 and 1.
  const auto dir = fresh_dir("eval", "twice");
  const std::string d = dir.string();
  write(dir / "truth.csv",
        "time_s,target_id,lat_deg,lon_deg,alt_m,vel_east_mps,vel_north_mps,vel_up_mps\n"
        "0,1,47.0,28.0,3000,0,0,0\n1,1,47.0,28.0,3000,0,0,0\n");
  write(dir / "tracks.csv",
        "time_s,track_id,lat_deg,lon_deg,alt_m,vel_east_mps,vel_north_mps,vel_up_mps,status\n"
        "0,7,47.0,28.0,3000,0,0,0,confirmed\n0,7,47.0,28.0,3010,0,0,0,confirmed\n"
        "1,7,47.0,28.0,3000,0,0,0,confirmed\n1,7,47.0,28.0,3010,0,0,0,confirmed\n");
  const auto run = run_process(straja_binary() + " eval --truth " + d + "/truth.csv --tracks " + d +
                               "/tracks.csv --json " + d + "/summary.json");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto s = read_json(dir / "summary.json");
  EXPECT_EQ(s.at("false_mean").get<double>(), 0.0);
  EXPECT_EQ(s.at("ambiguity").get<double>(), 1.0);
  EXPECT_NEAR(s.at("rms_vertical_m").get<double>(), 10.0, 1e-3);  // the last row of each time
  fs::remove_all(dir);
}

TEST(CliEval, BadInputGivesOneLineNamingFileLineAndField) {
  const auto dir = fresh_dir("eval", "bad");
  const std::string d = dir.string();
  write(dir / "truth.csv", "t,id,x,y\n0,1,0,0\n1,1,oops,0\n");
  write(dir / "tracks.csv", "t,track_id,x,y\n0,5,10,0\n");
  const auto bad_number = run_process(straja_binary() + " eval --bench2d --truth " + d +
                                      "/truth.csv --tracks " + d + "/tracks.csv");
  EXPECT_EQ(bad_number.exit_code, 2) << bad_number.output;
  EXPECT_NE(bad_number.output.find(d + "/truth.csv:3: field x: expected a number, got 'oops'"),
            std::string::npos)
      << bad_number.output;
  write(dir / "eval.yaml", "gospa:\n  c_m: 500\n  q: 2\n");
  write(dir / "truth.csv", "t,id,x,y\n0,1,0,0\n");
  const auto bad_config =
      run_process(straja_binary() + " eval --bench2d --truth " + d + "/truth.csv --tracks " + d +
                  "/tracks.csv --config " + d + "/eval.yaml");
  EXPECT_EQ(bad_config.exit_code, 2) << bad_config.output;
  EXPECT_NE(bad_config.output.find("eval.yaml:3"), std::string::npos) << bad_config.output;
  EXPECT_NE(bad_config.output.find("gospa.q"), std::string::npos) << bad_config.output;
  const auto missing = run_process(straja_binary() + " eval --truth " + d + "/none.csv --tracks x");
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
  const auto labels = run_process(straja_binary() + " eval --labels icao --tracks x");
  EXPECT_EQ(labels.exit_code, 2) << labels.output;  // --plots missing
  const auto bad_kind = run_process(straja_binary() + " eval --labels squawk --plots p --tracks x");
  EXPECT_EQ(bad_kind.exit_code, 2) << bad_kind.output;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace straja

namespace straja {
namespace {

TEST(CliTrackPlots, SimulatedPlotsAreTrackedAndScoreWell) {
  const auto dir = fresh_dir("eval", "track");
  const std::string d = dir.string();
  ASSERT_EQ(run_process(straja_binary() + " simulate first-light --out " + d).exit_code, 0);
  const auto track = run_process(straja_binary() + " track " + d + "/plots.csv --sensors " + d +
                                 "/sensors.yaml --out " + d + "/tracks.csv --stats");
  ASSERT_EQ(track.exit_code, 0) << track.output;
  EXPECT_NE(track.output.find("{\"scans\":"), std::string::npos) << track.output;
  EXPECT_NE(track.output.find("\"tracker_cpu_s\":"), std::string::npos) << track.output;
  EXPECT_NE(track.output.find("\"latency_p99_s\":"), std::string::npos) << track.output;
  const auto eval =
      run_process(straja_binary() + " eval --truth " + d + "/truth.csv --tracks " + d +
                  "/tracks.csv --plots " + d + "/plots.csv --json " + d + "/s.json");
  ASSERT_EQ(eval.exit_code, 0) << eval.output;
  const auto s = read_json(dir / "s.json");
  EXPECT_GT(s.at("completeness").get<double>(), 0.95);
  EXPECT_LT(s.at("rms_horizontal_m").get<double>(), 200.0);
  EXPECT_EQ(s.at("track_switches").get<int>(), 0);

  // JSON lines output: one object per report, the tracks.csv keys.
  ASSERT_EQ(run_process(straja_binary() + " track " + d + "/plots.csv --sensors " + d +
                        "/sensors.yaml --out " + d + "/tracks.jsonl")
                .exit_code,
            0);
  std::ifstream jsonl(dir / "tracks.jsonl");
  std::string line;
  std::size_t lines = 0;
  while (std::getline(jsonl, line)) {
    const auto object = nlohmann::json::parse(line, nullptr, false);
    ASSERT_TRUE(object.is_object()) << line;
    EXPECT_TRUE(object.contains("track_id") && object.contains("status")) << line;
    ++lines;
  }
  EXPECT_GT(lines, 100u);
  fs::remove_all(dir);
}

TEST(CliTrackPlots, RadarSsrAndAdsbPlotsFuseIntoOneTrackPerTarget) {
  // first-light's 3D radar plus an SSR beside it and an ADS-B station: cooperative targets are
  // seen by two or three sensors, primary-only ones (a helicopter, a UAV) by the radar alone.
  const auto dir = fresh_dir("eval", "fusion");
  const std::string d = dir.string();
  write(
      dir / "scenario.yaml",
      R"(# first-light: the smallest complete picture. One GM200-class 3D radar near Chisinau watches
# airliners crossing Moldova, a business jet, a light aircraft, a helicopter and a low drone,
# with Poisson clutter. Constant-velocity flights (great-circle, constant speed and climb).
# Format: docs/formats/scenario.md
name: multi-sensor
reference: {lat_deg: 47.0, lon_deg: 28.85, height_m: 0}
start: 2026-06-01T10:00:00Z
duration_s: 600
seed: 20260601
# Weather: barometric altitudes lie ~100-250 m below geometric heights.
environment: {qnh_hpa: 1016, temperature_deviation_c: 5, geoid_height_m: 30}

sensors:
  - id: psr-chisinau
    kind: psr3d
    sac: 25
    sic: 1
    lat_deg: 47.0245
    lon_deg: 28.8320
    height_m: 215          # antenna, above the ellipsoid
    rotation_period_s: 4
    range_sigma_m: 30
    azimuth_sigma_deg: 0.15
    elevation_sigma_deg: 0.3
    max_range_m: 250000
    reference_range_m: 180000
    pd_at_reference: 0.9
    false_alarms_per_scan: 12

  - id: ssr-chisinau
    kind: ssr
    sac: 25
    sic: 2
    lat_deg: 47.0245
    lon_deg: 28.8320
    height_m: 215
    rotation_period_s: 5
    range_sigma_m: 15
    azimuth_sigma_deg: 0.05
    max_range_m: 400000
  - id: adsb-balti
    kind: adsb
    sac: 25
    sic: 3
    lat_deg: 47.7596
    lon_deg: 27.929
    height_m: 180
    max_range_m: 400000

targets:
  - {id: 1, class: airliner, lat_deg: 47.60, lon_deg: 27.40, alt_m: 11280, heading_deg: 118, speed_mps: 235, icao: "4B1816", callsign: "THY3KL", mode3a: "4621"}
  - {id: 2, class: airliner, lat_deg: 46.30, lon_deg: 30.10, alt_m: 10060, heading_deg: 300, speed_mps: 228, icao: "508035", callsign: "AUI7GT", mode3a: "2517"}
  - {id: 3, class: airliner, lat_deg: 47.05, lon_deg: 28.95, alt_m: 1500, heading_deg: 250, speed_mps: 120, climb_mps: 8, icao: "5A0017", callsign: "MLD301", mode3a: "3042"}
  - {id: 4, class: business_jet, lat_deg: 48.10, lon_deg: 28.60, alt_m: 12500, heading_deg: 175, speed_mps: 210, start_s: 60, icao: "4CA2F1", callsign: "NJE44", mode3a: "5364"}
  - {id: 5, class: general_aviation, lat_deg: 46.85, lon_deg: 28.40, alt_m: 900, heading_deg: 40, speed_mps: 55, mode3a: "7000"}
  - {id: 6, class: helicopter, lat_deg: 47.25, lon_deg: 29.10, alt_m: 450, heading_deg: 200, speed_mps: 60}
  - {id: 7, class: fixed_wing_uav, lat_deg: 46.70, lon_deg: 29.60, alt_m: 600, heading_deg: 280, speed_mps: 30, start_s: 120}
)");
  ASSERT_EQ(run_process(straja_binary() + " simulate " + d + "/scenario.yaml --out " + d).exit_code,
            0);
  const auto track = run_process(straja_binary() + " track " + d + "/plots.csv --sensors " + d +
                                 "/sensors.yaml --out " + d + "/tracks.csv");
  ASSERT_EQ(track.exit_code, 0) << track.output;
  // The SSR's Mode C altitudes are corrected with the offset learnt from ADS-B.
  EXPECT_NE(track.output.find("height minus barometric altitude learnt from"), std::string::npos)
      << track.output;
  const auto eval =
      run_process(straja_binary() + " eval --truth " + d + "/truth.csv --tracks " + d +
                  "/tracks.csv --plots " + d + "/plots.csv --json " + d + "/s.json");
  ASSERT_EQ(eval.exit_code, 0) << eval.output;
  const auto s = read_json(dir / "s.json");
  EXPECT_EQ(s.at("track_ids").get<int>(), s.at("truth_ids").get<int>());  // one track each
  EXPECT_EQ(s.at("track_switches").get<int>(), 0);
  EXPECT_GT(s.at("completeness").get<double>(), 0.98);
  for (const auto& target : s.at("targets")) {
    EXPECT_GT(target.at("completeness").get<double>(), 0.95) << target.dump();
  }
  // The same picture from the simulator's ASTERIX recordings (CAT048 with the 3D radar's I110
  // height, CAT021, CAT034) instead of plots.csv.
  const auto from_asterix = run_process(straja_binary() + " track " + d + "/psr-chisinau.ast " + d +
                                        "/ssr-chisinau.ast " + d + "/adsb-balti.ast --sensors " +
                                        d + "/sensors.yaml --out " + d + "/tracks_ast.csv");
  ASSERT_EQ(from_asterix.exit_code, 0) << from_asterix.output;
  const auto eval_ast =
      run_process(straja_binary() + " eval --truth " + d + "/truth.csv --tracks " + d +
                  "/tracks_ast.csv --plots " + d + "/plots.csv --json " + d + "/s_ast.json");
  ASSERT_EQ(eval_ast.exit_code, 0) << eval_ast.output;
  const auto a = read_json(dir / "s_ast.json");
  EXPECT_EQ(a.at("track_ids").get<int>(), a.at("truth_ids").get<int>());
  EXPECT_GT(a.at("completeness").get<double>(), 0.98);
  EXPECT_LT(a.at("rms_horizontal_m").get<double>(), 100.0);
  // Scoring without truth: the Mode S addresses the plots carry against the tracks' identity.
  const auto labels =
      run_process(straja_binary() + " eval --labels icao --plots " + d + "/plots.csv --tracks " +
                  d + "/tracks.csv --json " + d + "/l.json");
  ASSERT_EQ(labels.exit_code, 0) << labels.output;
  const auto l = read_json(dir / "l.json");
  for (const char* key :
       {"purity", "completeness", "identity_swaps", "false_tracks", "labels_seen"}) {
    EXPECT_TRUE(l.contains(key)) << key;
  }
  EXPECT_EQ(l.at("purity").get<double>(), 1.0);
  EXPECT_EQ(l.at("identity_swaps").get<int>(), 0);
  EXPECT_EQ(l.at("labels_seen").get<int>(), 4);  // the four Mode S aircraft of the scenario
  EXPECT_GT(l.at("completeness").get<double>(), 0.95);
  // Targets without a Mode S address (a light aircraft, a helicopter, a UAV) carry no label.
  EXPECT_EQ(l.at("false_tracks").get<int>(), 3);
  fs::remove_all(dir);
}

TEST(CliTrackPlots, RealAsterixRecordingWithUnknownSitesIsTrackedRadarByRadar) {
  const fs::path recording =
      fs::path(STRAJA_SHARED_DIR) / "data" / "asterix" / "croatiacontrol" / "cat_034_048.pcap";
  if (!fs::exists(recording)) GTEST_SKIP() << "shared recording not found at " << recording;
  const auto dir = fresh_dir("eval", "track-asterix");
  const auto run = run_process(straja_binary() + " track " + recording.string() +
                               " --date 2020-01-01 --stats --out " + (dir / "tracks.csv").string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  // Seven radars, none in a sensors file: one warning each, each in its own plane.
  std::size_t warnings = 0;
  for (std::size_t at = run.output.find("site is unknown"); at != std::string::npos;
       at = run.output.find("site is unknown", at + 1)) {
    ++warnings;
  }
  EXPECT_EQ(warnings, 7u) << run.output;
  EXPECT_NE(run.output.find("\"plots\":"), std::string::npos) << run.output;
  std::ifstream tracks(dir / "tracks.csv");
  std::string header;
  std::getline(tracks, header);
  EXPECT_EQ(header,
            "time_s,track_id,lat_deg,lon_deg,alt_m,vel_east_mps,vel_north_mps,vel_up_mps,"
            "status,icao,callsign,mode3a,sources");
  std::string row;
  ASSERT_TRUE(std::getline(tracks, row));
  EXPECT_TRUE(row.starts_with("15778")) << row;  // 2020-01-01, from the times of day
  fs::remove_all(dir);
}

TEST(CliTrackPlots, BadRowsAreSkippedCountedAndReported) {
  const auto dir = fresh_dir("eval", "track-bad");
  const std::string d = dir.string();
  ASSERT_EQ(run_process(straja_binary() + " simulate first-light --out " + d).exit_code, 0);
  {
    std::ofstream plots(dir / "plots.csv", std::ios::app);
    plots << "1780308100,no-such-radar,psr3d,1000,10,1,,,,,,,,,,,,,\n";
    plots << "1780308101,psr-chisinau,psr3d,nan,10,1,,,,,,,,,,,,,\n";
    plots << "1780308000,psr-chisinau,psr3d,20000,10,1,,,,,,,,-1,,,,,\n";  // out of order
  }
  const auto track = run_process(straja_binary() + " track " + d + "/plots.csv --sensors " + d +
                                 "/sensors.yaml --out " + d + "/tracks.csv");
  EXPECT_EQ(track.exit_code, 1) << track.output;
  EXPECT_NE(track.output.find("2 row(s) skipped; the first: " + d + "/plots.csv:"),
            std::string::npos)
      << track.output;
  EXPECT_NE(track.output.find("unknown sensor 'no-such-radar'"), std::string::npos) << track.output;
  EXPECT_NE(track.output.find("1 row(s) out of time order"), std::string::npos) << track.output;
  EXPECT_TRUE(fs::file_size(dir / "tracks.csv") > 1000);  // the good plots were still tracked
  const auto missing = run_process(straja_binary() + " track " + d + "/x.ast --sensors " + d +
                                   "/sensors.yaml --out " + d + "/t.csv");
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
  EXPECT_NE(missing.output.find("cannot open"), std::string::npos) << missing.output;
  write(dir / "tracker.yaml", "confirm:\n  hits: 3\n  widow: 4\n");
  const auto bad_config =
      run_process(straja_binary() + " track " + d + "/plots.csv --sensors " + d +
                  "/sensors.yaml --config " + d + "/tracker.yaml --out " + d + "/t.csv");
  EXPECT_EQ(bad_config.exit_code, 2) << bad_config.output;
  EXPECT_NE(bad_config.output.find("tracker.yaml:3: confirm.widow"), std::string::npos)
      << bad_config.output;
  const auto no_sensors =
      run_process(straja_binary() + " track " + d + "/plots.csv --out " + d + "/t.csv");
  EXPECT_EQ(no_sensors.exit_code, 2) << no_sensors.output;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace straja
