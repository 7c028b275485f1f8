// straja simulate as a user runs it: the stress generator's options, and the simulator's
// measurement noise checked from outside, as a user with only the output files
// would: `straja simulate` on a small scenario, then truth.csv interpolated to each plot's time,
// the sensor sites from sensors.yaml and geodesy straight from GeographicLib (not the project's
// geo library) give each plot's range error (plot range minus the true slant range: plots carry
// the geometric slant range, docs/formats/plots.md) and azimuth error (against the geodesic
// azimuth from the site). Their sample sigma must be within 5% of the sigma sensors.yaml states,
// and their mean near 0 (the scenario has no biases).
//
// Draws: about 6,000 plots per sensor, so the sample sigma's relative standard error is
// 1/sqrt(2n) ~ 0.9%: a 5% departure is over 5 standard errors, and a wrong sigma (or a sigma in
// the wrong unit) is caught with certainty.

#include <gtest/gtest.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <GeographicLib/Geocentric.hpp>
#include <GeographicLib/Geodesic.hpp>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "run_process.h"

namespace straja {
namespace {

using testing::run_process;
using testing::straja_binary;

constexpr double kPi = 3.14159265358979323846;

// Two radars (3D primary and Mode S SSR) turning once a second, no clutter, no biases, and
// twenty aircraft flying straight (geodesic cruise: linear interpolation of truth between whole
// seconds is exact to a millimetre) at 20-180 km, all well inside coverage.
constexpr const char* kScenario = R"(name: noise-from-outside
reference: {lat_deg: 47.0, lon_deg: 28.85}
start: 2026-06-01T10:00:00Z
duration_s: 300
seed: 4242
sensors:
  - {id: psr, kind: psr3d, lat_deg: 47.0245, lon_deg: 28.7600, height_m: 260, rotation_period_s: 1,
     range_sigma_m: 40, azimuth_sigma_deg: 0.2, false_alarms_per_scan: 0}
  - {id: ssr, kind: ssr, lat_deg: 46.90, lon_deg: 28.95, height_m: 200, rotation_period_s: 1,
     range_sigma_m: 15, azimuth_sigma_deg: 0.05}
targets:
)";

struct TruthPoint {
  double lat_deg, lon_deg, alt_m;
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream stream(line);
  for (std::string cell; std::getline(stream, cell, ',');) cells.push_back(cell);
  if (!line.empty() && line.back() == ',') cells.emplace_back();
  return cells;
}

struct Moments {
  double n = 0, sum = 0, sum_sq = 0;
  void add(double x) {
    n += 1;
    sum += x;
    sum_sq += x * x;
  }
  double mean() const { return sum / n; }
  double sigma() const { return std::sqrt((sum_sq - sum * sum / n) / (n - 1)); }
};

TEST(CliSimulateNoise, PlotErrorsFromTruthAndSensorsFileHaveTheStatedSigma) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("straja-noise-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / "noise.yaml");
    out << kScenario;
    for (int i = 0; i < 20; ++i) {
      const double bearing = 2.0 * kPi * i / 20.0;
      const double distance_km = 20.0 + 8.0 * i;
      out << "  - {id: " << i + 1 << ", class: airliner, icao: \"4B18" << 10 + i
          << "\", lat_deg: " << 47.0245 + distance_km * std::cos(bearing) / 111.2
          << ", lon_deg: " << 28.76 + distance_km * std::sin(bearing) / 75.8
          << ", alt_m: " << 6000 + 200 * i << ", heading_deg: " << 17 * i
          << ", speed_mps: " << 150 + 4 * i << "}\n";
    }
  }
  const auto run = run_process(straja_binary() + " simulate " + (dir / "noise.yaml").string() +
                               " --out " + (dir / "out").string());
  ASSERT_EQ(run.exit_code, 0) << run.output;

  // Sensors: what an operator knows.
  struct Site {
    double lat_deg, lon_deg, height_m, range_sigma_m, azimuth_sigma_deg;
  };
  std::map<std::string, Site> sites;
  const YAML::Node sensors = YAML::LoadFile((dir / "out" / "sensors.yaml").string());
  for (const auto& sensor : sensors["sensors"]) {
    sites[sensor["id"].as<std::string>()] = {
        sensor["lat_deg"].as<double>(), sensor["lon_deg"].as<double>(),
        sensor["height_m"].as<double>(), sensor["range_sigma_m"].as<double>(),
        sensor["azimuth_sigma_deg"].as<double>()};
  }
  ASSERT_EQ(sites.size(), 2u);

  // Truth at whole seconds, by target.
  std::map<long, std::map<long, TruthPoint>> truth;
  {
    std::ifstream in(dir / "out" / "truth.csv");
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      const auto c = split(line);
      truth[std::stol(c[1])][std::stol(c[0])] = {std::stod(c[2]), std::stod(c[3]), std::stod(c[4])};
    }
  }

  const GeographicLib::Geocentric& earth = GeographicLib::Geocentric::WGS84();
  const GeographicLib::Geodesic& geodesic = GeographicLib::Geodesic::WGS84();
  auto ecef = [&](double lat, double lon, double h) {
    std::array<double, 3> x{};
    earth.Forward(lat, lon, h, x[0], x[1], x[2]);
    return x;
  };
  std::map<std::string, Moments> range_error;
  std::map<std::string, Moments> azimuth_error;
  std::ifstream in(dir / "out" / "plots.csv");
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    const auto c = split(line);
    const long id = std::stol(c[13]);
    ASSERT_GT(id, 0) << "no clutter was configured: " << line;
    // Truth interpolated (linearly in ECEF) to the plot time.
    const std::size_t dot = c[0].find('.');
    const long whole = std::stol(c[0].substr(0, dot));
    const double fraction = dot == std::string::npos ? 0.0 : std::stod("0" + c[0].substr(dot));
    const auto& track = truth.at(id);
    const auto before = track.find(whole);
    const auto after = track.find(whole + 1);
    if (before == track.end() || after == track.end()) continue;
    const auto a = ecef(before->second.lat_deg, before->second.lon_deg, before->second.alt_m);
    const auto b = ecef(after->second.lat_deg, after->second.lon_deg, after->second.alt_m);
    std::array<double, 3> target{};
    for (std::size_t k = 0; k < 3; ++k) target[k] = a[k] + fraction * (b[k] - a[k]);
    double lat = 0, lon = 0, h = 0;
    earth.Reverse(target[0], target[1], target[2], lat, lon, h);

    const Site& site = sites.at(c[1]);
    const auto s = ecef(site.lat_deg, site.lon_deg, site.height_m);
    const double slant_m = std::hypot(target[0] - s[0], target[1] - s[1], target[2] - s[2]);
    double distance = 0, azimuth1 = 0, azimuth2 = 0;
    geodesic.Inverse(site.lat_deg, site.lon_deg, lat, lon, distance, azimuth1, azimuth2);
    double azimuth_diff = std::stod(c[4]) - azimuth1;
    azimuth_diff -= 360.0 * std::round(azimuth_diff / 360.0);
    range_error[c[1]].add(std::stod(c[3]) - slant_m);
    azimuth_error[c[1]].add(azimuth_diff);
  }
  for (const auto& [id, site] : sites) {
    const Moments& r = range_error[id];
    const Moments& az = azimuth_error[id];
    ASSERT_GE(r.n, 4'000) << id << ": too few plots for the test to be fair";
    std::cout << id << ": " << r.n << " plots, range sigma " << r.sigma() << " m (stated "
              << site.range_sigma_m << "), azimuth sigma " << az.sigma() << " deg (stated "
              << site.azimuth_sigma_deg << ")\n";
    EXPECT_NEAR(r.sigma() / site.range_sigma_m, 1.0, 0.05) << id << " range sigma " << r.sigma();
    EXPECT_NEAR(az.sigma() / site.azimuth_sigma_deg, 1.0, 0.05)
        << id << " azimuth sigma " << az.sigma();
    // Unbiased: the mean within 5 standard errors of 0.
    EXPECT_LT(std::abs(r.mean()), 5.0 * site.range_sigma_m / std::sqrt(r.n)) << id;
    EXPECT_LT(std::abs(az.mean()), 5.0 * site.azimuth_sigma_deg / std::sqrt(az.n)) << id;
  }
  std::filesystem::remove_all(dir);
}

TEST(CliSimulate, StressGeneratorTakesItsParameters) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("straja-stress-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const auto run = run_process(straja_binary() +
                               " simulate stress --targets 25 --radars 3 --duration 20 "
                               "--clutter 0 --out " +
                               dir.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const YAML::Node sensors = YAML::LoadFile((dir / "sensors.yaml").string());
  EXPECT_EQ(sensors["sensors"].size(), 3u);
  std::ifstream truth(dir / "truth.csv");
  std::string line;
  std::getline(truth, line);
  std::map<std::string, int> rows;
  while (std::getline(truth, line)) ++rows[split(line)[1]];
  EXPECT_EQ(rows.size(), 25u);
  EXPECT_EQ(rows.begin()->second, 21) << "a row a second, both ends included";
  std::ifstream plots(dir / "plots.csv");
  std::getline(plots, line);
  int count = 0;
  while (std::getline(plots, line)) {
    EXPECT_NE(split(line)[13], "-1") << "--clutter 0 made a false plot: " << line;
    ++count;
  }
  EXPECT_GT(count, 25 * 3 * 5 * 7 / 10) << "3 radars, 5 rotations, most targets seen";
  std::filesystem::remove_all(dir);

  for (const char* args : {" simulate moldova --targets 3 --out /tmp/straja-never",
                           " simulate stress --radars 0 --out /tmp/straja-never",
                           " simulate stress --targets many --out /tmp/straja-never"}) {
    const auto bad = run_process(straja_binary() + args);
    EXPECT_EQ(bad.exit_code, 2) << args << "\n" << bad.output;
  }
}

/// The whole of a file (empty when it cannot be read).
std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

/// Column 0 (time_s) of every row after the header, as read.
std::vector<double> first_column(const std::string& csv) {
  std::vector<double> times;
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) times.push_back(std::stod(split(line)[0]));
  return times;
}

// Enough targets (250) that the scans are computed ahead on other threads while truth.csv and
// plots.csv are written on threads of their own: two runs must still give the same bytes, plots
// in time order and truth rows a second apart in order.
TEST(CliSimulate, ThreadedOutputsAreByteIdenticalAcrossRunsAndInTimeOrder) {
  const auto base =
      std::filesystem::temp_directory_path() / ("straja-threads-" + std::to_string(::getpid()));
  std::filesystem::remove_all(base);
  for (const char* run_name : {"a", "b"}) {
    const auto run = run_process(straja_binary() +
                                 " simulate stress --targets 250 --radars 3 --duration 40 "
                                 "--clutter 200 --out " +
                                 (base / run_name).string());
    ASSERT_EQ(run.exit_code, 0) << run.output;
    EXPECT_NE(run.output.find(" plots/s, "), std::string::npos) << run.output;
  }
  for (const char* name : {"truth.csv", "plots.csv", "psr-01.ast", "psr-02.ast", "psr-03.ast"}) {
    const std::string first = file_bytes(base / "a" / name);
    EXPECT_GT(first.size(), 10'000u) << name;
    EXPECT_TRUE(first == file_bytes(base / "b" / name)) << name << " differs between runs";
  }
  const std::vector<double> plot_times = first_column(file_bytes(base / "a" / "plots.csv"));
  EXPECT_GT(plot_times.size(), 250u * 3u * 8u);
  EXPECT_TRUE(std::is_sorted(plot_times.begin(), plot_times.end()));
  const std::vector<double> truth_times = first_column(file_bytes(base / "a" / "truth.csv"));
  EXPECT_EQ(truth_times.size(), 250u * 41u) << "every target every second, both ends included";
  EXPECT_TRUE(std::is_sorted(truth_times.begin(), truth_times.end()));
  std::filesystem::remove_all(base);
}

}  // namespace
}  // namespace straja
