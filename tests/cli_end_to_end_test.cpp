// End-to-end: the straja binary as a user runs it.

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <vector>

#include "core/units.h"
#include "geo/geodetic.h"
#include "io/csv_writer.h"
#include "run_process.h"

namespace straja {
namespace {

using testing::run_process;
using testing::straja_binary;

std::filesystem::path fresh_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("straja-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir;
}

std::vector<std::string> read_lines(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream stream(line);
  for (std::string cell; std::getline(stream, cell, ',');) cells.push_back(cell);
  if (!line.empty() && line.back() == ',') cells.emplace_back();
  return cells;
}

TEST(CliEndToEnd, DemoRunsTheWholePipelineAndTracksEveryVisibleTarget) {
  const auto dir = fresh_dir("demo");
  const auto run = run_process(straja_binary() +
                               " demo --duration 120 --speed max --no-serve --out " + dir.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("Straja demo: moldova"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("[100%]"), std::string::npos) << "progress missing:\n" << run.output;
  EXPECT_EQ(run.output.find("Live air picture"), std::string::npos) << "--no-serve opened a port";

  // The summary's figures. GOSPA grows with the number of targets (it is a total, not a mean),
  // so the checks are on its parts: a working filter keeps the localisation RMS (3D, with a
  // 0.3 deg elevation sigma at 50-200 km) far below the 500 m cutoff, and working association and
  // track management keep missed and false tracks per scan well below one.
  std::smatch match;
  ASSERT_TRUE(std::regex_search(
      run.output, match,
      std::regex(R"(localisation RMS ([0-9.]+) m\s+missed ([0-9.]+), false ([0-9.]+) per scan)")))
      << run.output;
  EXPECT_LT(std::stod(match[1]), 250.0) << run.output;
  EXPECT_LT(std::stod(match[2]), 0.5) << run.output;
  EXPECT_LT(std::stod(match[3]), 0.5) << run.output;

  const auto truth = read_lines(dir / "truth.csv");
  const auto plots = read_lines(dir / "plots.csv");
  const auto tracks = read_lines(dir / "tracks.csv");
  ASSERT_GT(truth.size(), 100u);
  ASSERT_GT(plots.size(), 100u);
  ASSERT_GT(tracks.size(), 10u);
  EXPECT_EQ(truth.front(), io::kTruthCsvHeader);
  EXPECT_EQ(plots.front(), io::kPlotsCsvHeader);
  EXPECT_EQ(tracks.front(), io::kTracksCsvHeader);
  for (const auto& line : {truth[1], plots[1], tracks[1]}) {
    EXPECT_GE(split(line).size(), 9u) << line;
  }
  EXPECT_EQ(split(plots[1]).size(), 19u) << plots[1];
  EXPECT_EQ(split(tracks[1]).size(), 13u) << tracks[1];
  // Every track row names the sensors behind it (each track was started by a sensor's plot).
  for (std::size_t i = 1; i < tracks.size(); ++i) {
    EXPECT_FALSE(split(tracks[i]).back().empty()) << tracks[i];
  }

  // At the last report time, every confirmed track lies within 1 km of some truth target.
  const auto last_time = split(tracks.back())[0];
  std::map<std::string, std::vector<std::pair<double, double>>> truth_by_time;
  for (std::size_t i = 1; i < truth.size(); ++i) {
    const auto cells = split(truth[i]);
    truth_by_time[cells[0]].emplace_back(std::stod(cells[2]), std::stod(cells[3]));
  }
  const auto& last_truth = truth_by_time.rbegin()->second;
  int confirmed = 0;
  for (std::size_t i = 1; i < tracks.size(); ++i) {
    const auto cells = split(tracks[i]);
    if (cells[0] != last_time || cells[8] != "confirmed") continue;
    ++confirmed;
    double best_m = 1e12;
    for (const auto& [lat, lon] : last_truth) {
      const double dn = (std::stod(cells[2]) - lat) * 111'200.0;
      const double de = (std::stod(cells[3]) - lon) * 111'200.0 * 0.68;  // cos(47 deg)
      best_m = std::min(best_m, std::hypot(dn, de));
    }
    EXPECT_LT(best_m, 1'500.0) << tracks[i];
  }
  EXPECT_GE(confirmed, 4) << "the moldova sensors see at least four targets at 120 s";
  std::filesystem::remove_all(dir);
}

TEST(CliEndToEnd, SameScenarioSameSeedGivesIdenticalFiles) {
  const auto a = fresh_dir("sim-a");
  const auto b = fresh_dir("sim-b");
  ASSERT_EQ(run_process(straja_binary() + " simulate first-light --out " + a.string()).exit_code,
            0);
  ASSERT_EQ(run_process(straja_binary() + " simulate first-light --out " + b.string()).exit_code,
            0);
  for (const char* name : {"truth.csv", "plots.csv", "sensors.yaml", "truth_sensors.yaml"}) {
    EXPECT_EQ(read_lines(a / name), read_lines(b / name)) << name;
    EXPECT_GT(read_lines(a / name).size(), 5u) << name;
  }
  std::filesystem::remove_all(a);
  std::filesystem::remove_all(b);
}

// The statistics checked from outside, as a user of the files would: plot range minus the true
// slant range (truth.csv interpolated to the plot time, the site from sensors.yaml), less the
// bias truth_sensors.yaml states, has the sigma sensors.yaml states and no mean.
TEST(CliEndToEnd, SimulatedRangeAndAzimuthErrorsMatchSensorsYaml) {
  const auto dir = fresh_dir("outside");
  std::filesystem::create_directories(dir);
  {
    std::ofstream scenario(dir / "s.yaml");
    scenario << "name: outside\nreference: {lat_deg: 47.0, lon_deg: 28.85}\n"
                "start: 2026-06-01T10:00:00Z\nduration_s: 900\nseed: 3\nsensors:\n"
                "  - {id: p, kind: psr3d, lat_deg: 47.0, lon_deg: 28.85, height_m: 200,"
                " false_alarms_per_scan: 0}\n"
                "  - {id: s, kind: ssr, sic: 2, lat_deg: 47.0, lon_deg: 28.85, height_m: 200,"
                " biases: {range_m: 60, azimuth_deg: 0.1}}\ntargets:\n";
    for (int i = 0; i < 12; ++i) {
      const geo::Geodetic start = geo::geodesic_direct(47.0, 28.85, 30.0 * i, 60'000.0 + 8'000 * i);
      scenario << "  - {id: " << i << ", class: airliner, lat_deg: " << start.lat_deg
               << ", lon_deg: " << start.lon_deg << ", alt_m: " << 4'000 + 600 * i
               << ", heading_deg: " << 97 * i % 360 << ", speed_mps: 180, icao: \"4B18" << 10 + i
               << "\"}\n";
    }
  }
  const auto run = run_process(straja_binary() + " simulate " + (dir / "s.yaml").string() +
                               " --out " + dir.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;

  // truth.csv: position of each target at each whole second.
  std::map<std::pair<std::string, std::string>, geo::Vec3> truth;  // (time, id) -> ECEF
  const auto truth_lines = read_lines(dir / "truth.csv");
  for (std::size_t i = 1; i < truth_lines.size(); ++i) {
    const auto c = split(truth_lines[i]);
    truth[{c[0], c[1]}] =
        geo::geodetic_to_ecef({std::stod(c[2]), std::stod(c[3]), std::stod(c[4])});
  }
  const YAML::Node sensors = YAML::LoadFile((dir / "sensors.yaml").string())["sensors"];
  const YAML::Node biases = YAML::LoadFile((dir / "truth_sensors.yaml").string())["sensors"];
  ASSERT_EQ(sensors.size(), 2u);
  ASSERT_FALSE(sensors[1]["elevation_sigma_deg"]) << "ssr is 2D";
  ASSERT_FALSE(sensors[0]["range_bias_m"]) << "no biases in sensors.yaml";
  for (std::size_t s = 0; s < sensors.size(); ++s) {
    const std::string id = sensors[s]["id"].as<std::string>();
    ASSERT_EQ(biases[s]["id"].as<std::string>(), id);
    const geo::LocalFrame site({sensors[s]["lat_deg"].as<double>(),
                                sensors[s]["lon_deg"].as<double>(),
                                sensors[s]["height_m"].as<double>()});
    const double range_bias = biases[s]["biases"]["range_m"].as<double>();
    const double azimuth_bias = biases[s]["biases"]["azimuth_deg"].as<double>();
    double n = 0, range_sum = 0, range_sq = 0, azimuth_sum = 0, azimuth_sq = 0;
    const auto plots = read_lines(dir / "plots.csv");
    for (std::size_t i = 1; i < plots.size(); ++i) {
      const auto c = split(plots[i]);
      if (c[1] != id) continue;
      const double t = std::stod(c[0]);
      const double t0 = std::floor(t);
      auto at = [&](double second) {
        char text[32];
        std::snprintf(text, sizeof text, "%.0f", second);
        return truth.find({text, c[13]});
      };
      const auto before = at(t0);
      const auto after = at(t0 + 1.0);
      if (before == truth.end() || after == truth.end()) continue;
      const geo::Vec3 target = before->second + (t - t0) * (after->second - before->second);
      const geo::Vec3 enu = site.ecef_to_enu(target);
      const double range_error = std::stod(c[3]) - range_bias - enu.norm();
      const double true_azimuth = std::atan2(enu.x(), enu.y()) * 180.0 / units::kPi;
      double azimuth_error = std::stod(c[4]) - azimuth_bias - true_azimuth;
      azimuth_error -= 360.0 * std::round(azimuth_error / 360.0);
      n += 1;
      range_sum += range_error;
      range_sq += range_error * range_error;
      azimuth_sum += azimuth_error;
      azimuth_sq += azimuth_error * azimuth_error;
    }
    ASSERT_GT(n, 2000) << id;
    const double range_sigma = std::sqrt(range_sq / n - std::pow(range_sum / n, 2));
    const double azimuth_sigma = std::sqrt(azimuth_sq / n - std::pow(azimuth_sum / n, 2));
    const double stated_range = sensors[s]["range_sigma_m"].as<double>();
    const double stated_azimuth = sensors[s]["azimuth_sigma_deg"].as<double>();
    EXPECT_NEAR(range_sigma, stated_range, 0.05 * stated_range) << id;
    EXPECT_NEAR(azimuth_sigma, stated_azimuth, 0.05 * stated_azimuth) << id;
    EXPECT_NEAR(range_sum / n, 0.0, 4.0 * stated_range / std::sqrt(n)) << id;
    EXPECT_NEAR(azimuth_sum / n, 0.0, 4.0 * stated_azimuth / std::sqrt(n)) << id;
  }
  std::filesystem::remove_all(dir);
}

TEST(CliEndToEnd, UnknownOptionFailsWithOneClearLine) {
  const auto run = run_process(straja_binary() + " demo --frobnicate");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.output.find("--frobnicate"), std::string::npos) << run.output;
  EXPECT_EQ(std::count(run.output.begin(), run.output.end(), '\n'), 1) << run.output;
}

TEST(CliEndToEnd, BadValuesAreRejected) {
  for (const char* args : {" demo --speed fast --no-serve", " demo --port 70000 --no-serve",
                           " demo --duration abc --no-serve", " demo --duration -5 --no-serve"}) {
    const auto run = run_process(straja_binary() + args);
    EXPECT_NE(run.exit_code, 0) << args;
    EXPECT_EQ(std::count(run.output.begin(), run.output.end(), '\n'), 1) << args << run.output;
  }
}

TEST(CliEndToEnd, BadScenarioFileNamesFileLineAndField) {
  const auto dir = fresh_dir("bad-scenario");
  std::filesystem::create_directories(dir);
  const auto path = dir / "bad.yaml";
  std::ofstream(path) << "name: bad\nreference: {lat_deg: 47, lon_deg: 28}\n"
                         "start: 2026-06-01T10:00:00Z\nsensors:\n  - id: r1\n    kind: psr3d\n"
                         "    lat_deg: 47\n    lon_deg: 28\n    range_sigma_m: thirty\n";
  const auto run = run_process(straja_binary() + " demo --no-serve --scenario " + path.string());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find(path.string() + ":9: sensors[0].range_sigma_m: expected a number"),
            std::string::npos)
      << run.output;
  const auto missing = run_process(straja_binary() + " demo --no-serve --scenario no-such-thing");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.output.find("first-light"), std::string::npos) << missing.output;
  std::filesystem::remove_all(dir);
}

// `straja demo --config FILE` runs the tracker with the file's settings: a confirmation rule of
// 8 hits in a row confirms targets later than the default 3 of 4, so more are missed and the
// GOSPA mean over the first minute is higher. A bad key names the file, line and field; a filter
// other than the EKF is refused (exit 3).
TEST(CliEndToEnd, DemoTakesATrackerConfiguration) {
  const auto dir = fresh_dir("demo-config");
  std::filesystem::create_directories(dir);
  auto gospa_mean = [](const std::string& output) {
    std::smatch match;
    EXPECT_TRUE(std::regex_search(output, match, std::regex(R"(GOSPA +mean ([0-9.]+) m)")))
        << output;
    return match.size() > 1 ? std::stod(match[1].str()) : 0.0;
  };
  const std::string demo = straja_binary() + " demo --duration 60 --speed max --no-serve";
  const auto defaults = run_process(demo);
  ASSERT_EQ(defaults.exit_code, 0) << defaults.output;
  std::ofstream(dir / "strict.yaml") << "confirm: {hits: 8, window: 8}\n";
  const auto strict = run_process(demo + " --config " + (dir / "strict.yaml").string());
  ASSERT_EQ(strict.exit_code, 0) << strict.output;
  EXPECT_GT(gospa_mean(strict.output), 1.5 * gospa_mean(defaults.output))
      << defaults.output << strict.output;

  std::ofstream(dir / "typo.yaml") << "confirm:\n  hitz: 2\n";
  const auto typo = run_process(demo + " --config " + (dir / "typo.yaml").string());
  EXPECT_EQ(typo.exit_code, 2) << typo.output;
  EXPECT_NE(typo.output.find("typo.yaml:2: confirm.hitz"), std::string::npos) << typo.output;
  std::ofstream(dir / "imm.yaml") << "filter: imm\n";
  const auto imm = run_process(demo + " --config " + (dir / "imm.yaml").string());
  EXPECT_EQ(imm.exit_code, 3) << imm.output;
  EXPECT_NE(imm.output.find("filter: ekf"), std::string::npos) << imm.output;
  std::filesystem::remove_all(dir);
}

TEST(CliEndToEnd, ServeWithoutInputIsAUsageError) {
  const auto run = run_process(straja_binary() + " serve");
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("recording"), std::string::npos) << run.output;
  const auto help = run_process(straja_binary() + " serve --help");
  EXPECT_EQ(help.exit_code, 0);
  for (const char* option : {"--bind", "--token", "--ws-rate", "--web-root", "--no-loop"}) {
    EXPECT_NE(help.output.find(option), std::string::npos) << option;
  }
}

// `decode --format none` decodes as a JSON run does (same counts, same exit status) and writes
// nothing on stdout.
TEST(CliEndToEnd, DecodeFormatNoneChecksEveryRecordAndWritesNothing) {
  const auto dir = fresh_dir("decode-none");
  std::filesystem::create_directories(dir);
  // Two CAT048 blocks of one record each (I010 SAC 25 SIC 201, I140), then one whose record
  // runs past its end.
  const std::string good = {48, 0, 9, '\xC0', 25, '\xC9', '\x35', '\x6D', '\x4D'};
  const std::string bad = {48, 0, 8, '\xC0', 25, '\xC9', '\x35', '\x6D'};
  std::ofstream(dir / "in.raw", std::ios::binary) << good << good;
  std::ofstream(dir / "bad.raw", std::ios::binary) << good << bad;
  const std::string in = (dir / "in.raw").string();
  const auto none = run_process(straja_binary() + " decode --format none --stats " + in);
  EXPECT_EQ(none.exit_code, 0) << none.output;
  EXPECT_EQ(none.output, "CAT048 records=2 errors=0 skipped_bytes=0\n");
  const auto json = run_process(straja_binary() + " decode --stats " + in);
  EXPECT_EQ(json.exit_code, 0) << json.output;
  EXPECT_EQ(std::count(json.output.begin(), json.output.end(), '\n'), 3) << json.output;
  EXPECT_NE(json.output.find("CAT048 records=2 errors=0 skipped_bytes=0\n"), std::string::npos);
  const auto broken =
      run_process(straja_binary() + " decode --format none --stats " + (dir / "bad.raw").string());
  EXPECT_EQ(broken.exit_code, 1) << broken.output;
  EXPECT_NE(broken.output.find("CAT048 records=1 errors=1 skipped_bytes=8"), std::string::npos)
      << broken.output;
  const auto unknown = run_process(straja_binary() + " decode --format xml " + in);
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.output.find("(jsonl, text, none)"), std::string::npos) << unknown.output;
  std::filesystem::remove_all(dir);
}

// The research bench mode: two targets flying straight past a 2D radar at the origin, detected
// every scan without noise; the written tracks must follow them and keep the time text as read,
// with each filter (ekf, ukf, imm) and each associator (gnn, jpda, jipda).
TEST(CliEndToEnd, TrackBench2dFollowsTargetsAndKeepsTimeText) {
  const auto dir = fresh_dir("bench2d");
  std::filesystem::create_directories(dir);
  {
    std::ofstream detections(dir / "detections.csv");
    detections << "t,det_id,range,bearing\n";
    for (int k = 0; k < 30; ++k) {
      const double t = 100.0 + k;
      const double xy[2][2] = {{-20'000.0 + 150.0 * k, 10'000.0}, {5'000.0, 30'000.0 - 200.0 * k}};
      for (int i = 0; i < 2; ++i) {
        detections << t << ".50," << k * 2 + i << ',' << std::hypot(xy[i][0], xy[i][1]) << ','
                   << std::atan2(xy[i][1], xy[i][0]) << '\n';
      }
    }
    // Bad rows, counted and skipped: a range that is no number, a row without its bearing, a
    // negative range, a time before the last scan's.
    detections << "129.50,60,far,0.5\n130.50,61,1000\n130.50,62,-5,0.5\n128.00,63,1000,0.5\n";
  }
  for (const std::string associator : {"gnn", "jpda", "jipda"})
    for (const std::string filter : {"ekf", "ukf", "imm"}) {
      SCOPED_TRACE(associator + " " + filter);
      const auto run =
          run_process(straja_binary() + " track --bench2d " + (dir / "detections.csv").string() +
                      " --out " + (dir / "tracks.csv").string() + " --stats --filter " + filter +
                      " --associator " + associator);
      ASSERT_EQ(run.exit_code, 0) << run.output;
      EXPECT_NE(run.output.find("{\"scans\":30,\"plots\":60,"), std::string::npos) << run.output;
      EXPECT_NE(
          run.output.find("skipped 4 bad row(s); first: " + (dir / "detections.csv").string() +
                          ":62: field range: expected a number, got 'far'"),
          std::string::npos)
          << run.output;
      const auto tracks = read_lines(dir / "tracks.csv");
      ASSERT_GT(tracks.size(), 40u);
      EXPECT_EQ(tracks.front(), "t,track_id,x,y,vx,vy");
      const auto last = split(tracks.back());
      EXPECT_EQ(last[0], "129.50");
      int at_end = 0;
      for (const auto& line : tracks) {
        const auto cells = split(line);
        if (cells[0] != "129.50") continue;
        ++at_end;
        const double x = std::stod(cells[2]);
        const double y = std::stod(cells[3]);
        const double to_first = std::hypot(x - (-20'000.0 + 150.0 * 29), y - 10'000.0);
        const double to_second = std::hypot(x - 5'000.0, y - (30'000.0 - 200.0 * 29));
        EXPECT_LT(std::min(to_first, to_second), 30.0) << line;
        const double speed = std::hypot(std::stod(cells[4]), std::stod(cells[5]));
        EXPECT_NEAR(speed, to_first < to_second ? 150.0 : 200.0, 5.0) << line;
      }
      EXPECT_EQ(at_end, 2);
    }
  const auto bad = run_process(straja_binary() + " track --bench2d /nonexistent.csv --out x.csv");
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  // The input as the output would be cut short as it is read: refused, the file untouched.
  const auto before = read_lines(dir / "detections.csv");
  const auto same =
      run_process(straja_binary() + " track --bench2d " + (dir / "detections.csv").string() +
                  " --out " + (dir / "." / "detections.csv").string());
  EXPECT_EQ(same.exit_code, 2) << same.output;
  EXPECT_NE(same.output.find("is the --bench2d input"), std::string::npos) << same.output;
  EXPECT_EQ(read_lines(dir / "detections.csv"), before);
  std::filesystem::remove_all(dir);
}

TEST(CliEndToEnd, EverySubcommandHasHelpAndVersionWorks) {
  for (const char* name : {"demo", "simulate", "version"}) {
    const std::string command = name;
    const auto help =
        run_process(straja_binary() + " " + command.substr(0, command.find(' ')) + " --help");
    EXPECT_EQ(help.exit_code, 0) << name;
    EXPECT_NE(help.output.find("Usage"), std::string::npos) << help.output;
  }
  const auto version = run_process(straja_binary() + " version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.output.find("straja 0."), std::string::npos) << version.output;
  EXPECT_NE(run_process(straja_binary()).exit_code, 0) << "no subcommand must fail";
}

}  // namespace
}  // namespace straja
