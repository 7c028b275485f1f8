// End-to-end: radar registration. The built-in moldova scenario with biased radars (two 3D
// radars and the SSR: range offsets, a range gain, azimuth, elevation and time offsets) is
// simulated; `straja track` estimates the biases against ADS-B without reading
// truth_sensors.yaml, and its --registration CSV ends within 15 m, 0.03 deg and 0.05 s of the
// truth; the registered picture is more accurate than the unregistered one. The same scenario
// without its ADS-B stations: the radars are registered against each other from the targets
// they both see.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "run_process.h"
#include "test_files.h"

namespace straja {
namespace {

using testing::fresh_dir;
using testing::read_text;
using testing::run_process;
using testing::straja_binary;
namespace fs = std::filesystem;

struct Bias {
  double range_m, range_gain, azimuth_deg, elevation_deg, time_s;
};
// The true errors put into the scenario (never given to the tracker).
const std::map<std::string, Bias> kTrueBiases = {
    {"psr-chisinau", {150.0, 0.0, 0.3, 0.1, 0.5}},
    {"psr-cahul", {-100.0, 0.0005, -0.2, 0.0, -0.3}},
    {"ssr-balti", {80.0, 0.0, 0.15, 0.0, 0.2}},
};

/// moldova.yaml with a biases line after each radar's kind line.
std::string biased_moldova() {
  std::string text = read_text(fs::path(STRAJA_SOURCE_DIR) / "scenarios" / "moldova.yaml");
  for (const auto& [id, bias] : kTrueBiases) {
    const std::size_t at = text.find("- id: " + id);
    const std::size_t kind = text.find("kind:", at);
    const std::size_t line_end = text.find('\n', kind);
    if (at == std::string::npos || kind == std::string::npos) return {};
    std::ostringstream line;
    line << "\n    biases: {range_m: " << bias.range_m << ", range_gain: " << bias.range_gain
         << ", azimuth_deg: " << bias.azimuth_deg << ", time_s: " << bias.time_s;
    if (id.starts_with("psr")) line << ", elevation_deg: " << bias.elevation_deg;
    line << "}";
    text.insert(line_end, line.str());
  }
  return text;
}

/// The last estimate per sensor in the registration CSV.
std::map<std::string, std::map<std::string, double>> last_estimates(const fs::path& csv) {
  std::map<std::string, std::map<std::string, double>> out;
  std::istringstream in(read_text(csv));
  std::string header_line, line;
  std::getline(in, header_line);
  std::vector<std::string> header;
  std::istringstream h(header_line);
  for (std::string cell; std::getline(h, cell, ',');) header.push_back(cell);
  while (std::getline(in, line)) {
    std::istringstream row(line);
    std::vector<std::string> cells;
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    if (cells.size() < 2) continue;
    auto& values = out[cells[1]];
    for (std::size_t i = 2; i < cells.size() && i < header.size(); ++i) {
      values[header[i]] =
          cells[i].empty() ? std::numeric_limits<double>::quiet_NaN() : std::stod(cells[i]);
    }
  }
  return out;
}

/// moldova.yaml biased, without its ADS-B stations (sensor entries whose id starts with adsb-).
std::string biased_moldova_without_adsb() {
  std::istringstream in(biased_moldova());
  std::string out, line;
  bool skipping = false;
  while (std::getline(in, line)) {
    if (line.starts_with("  - id: adsb")) {
      skipping = true;
      continue;
    }
    if (skipping && (line.starts_with("  - ") || !line.starts_with("    "))) skipping = false;
    if (!skipping) out += line + "\n";
  }
  return out;
}

/// `straja eval` of dir/tracks against the truth: the JSON summary.
nlohmann::json evaluate(const fs::path& dir, const std::string& tracks) {
  const auto eval =
      run_process(straja_binary() + " eval --truth " + (dir / "truth.csv").string() + " --tracks " +
                  (dir / tracks).string() + " --plots " + (dir / "plots.csv").string() +
                  " --json " + (dir / (tracks + ".json")).string());
  EXPECT_EQ(eval.exit_code == 0 || eval.exit_code == 1, true) << eval.output;
  return nlohmann::json::parse(read_text(dir / (tracks + ".json")));
}

double rms_horizontal(const fs::path& dir, const std::string& tracks) {
  return evaluate(dir, tracks)["rms_horizontal_m"];
}

/// Simulates `scenario` (YAML text) into `dir` and tracks its plots.csv into registered.csv with
/// the registration estimates in registration.csv; the track run's result (a failed simulation
/// is reported as the track run's failure).
testing::ProcessResult simulate_and_register(const fs::path& dir, const std::string& scenario) {
  std::ofstream(dir / "biased.yaml") << scenario;
  const auto simulated = run_process(straja_binary() + " simulate " +
                                     (dir / "biased.yaml").string() + " --out " + dir.string());
  if (simulated.exit_code != 0) return simulated;
  return run_process(straja_binary() + " track " + (dir / "plots.csv").string() + " --sensors " +
                     (dir / "sensors.yaml").string() + " --out " +
                     (dir / "registered.csv").string() + " --registration " +
                     (dir / "registration.csv").string());
}

TEST(CliRegistration, BiasedRadarsAreRegisteredAgainstAdsb) {
  const fs::path dir = fresh_dir("registration", "moldova");
  const std::string scenario = biased_moldova();
  ASSERT_FALSE(scenario.empty()) << "scenarios/moldova.yaml has the three radars";
  const testing::ProcessResult registered = simulate_and_register(dir, scenario);
  ASSERT_EQ(registered.exit_code, 0) << registered.output;
  const std::string sensors = " --sensors " + (dir / "sensors.yaml").string();
  EXPECT_NE(registered.output.find("registration psr-chisinau:"), std::string::npos);
  const auto estimates = last_estimates(dir / "registration.csv");
  for (const auto& [id, truth] : kTrueBiases) {
    SCOPED_TRACE(id);
    ASSERT_TRUE(estimates.contains(id));
    const auto& e = estimates.at(id);
    EXPECT_GT(e.at("pairs"), 1000.0);
    EXPECT_GT(e.at("radar_pairs"), 1000.0) << "targets seen by several radars";
    EXPECT_EQ(e.at("applied"), 1.0);
    EXPECT_NEAR(e.at("range_m"), truth.range_m, 15.0);
    EXPECT_NEAR(e.at("range_gain_ppm"), truth.range_gain * 1e6, 100.0);
    EXPECT_NEAR(e.at("azimuth_deg"), truth.azimuth_deg, 0.03);
    EXPECT_NEAR(e.at("time_offset_s"), truth.time_s, 0.05);
    if (id.starts_with("psr")) {
      EXPECT_NEAR(e.at("elevation_deg"), truth.elevation_deg, 0.03);
    } else {
      EXPECT_TRUE(std::isnan(e.at("elevation_deg"))) << "an SSR measures no elevation";
    }
    // The stated uncertainty is honest: the truth within 5 sigma.
    EXPECT_LT(std::abs(e.at("azimuth_deg") - truth.azimuth_deg),
              5.0 * e.at("azimuth_deg_sigma") + 0.005);
  }

  const auto unregistered =
      run_process(straja_binary() + " track " + (dir / "plots.csv").string() + sensors +
                  " --no-registration --out " + (dir / "unregistered.csv").string());
  ASSERT_EQ(unregistered.exit_code, 0) << unregistered.output;
  const double with = rms_horizontal(dir, "registered.csv");
  const double without = rms_horizontal(dir, "unregistered.csv");
  RecordProperty("rms_horizontal_registered_m", std::to_string(with));
  RecordProperty("rms_horizontal_unregistered_m", std::to_string(without));
  EXPECT_LT(with, 0.8 * without);
  EXPECT_LT(with, 150.0);
  fs::remove_all(dir);
}

/// rms_horizontal_in_coverage_m of `tracks` in the region both 3D radars cover.
double overlap_rms(const fs::path& dir, const std::string& tracks) {
  std::ofstream(dir / "overlap.yaml") << "coverage:\n  sensors: [psr-chisinau, psr-cahul]\n";
  const auto eval = run_process(
      straja_binary() + " eval --truth " + (dir / "truth.csv").string() + " --tracks " +
      (dir / tracks).string() + " --plots " + (dir / "plots.csv").string() + " --config " +
      (dir / "overlap.yaml").string() + " --json " + (dir / (tracks + ".overlap.json")).string());
  EXPECT_EQ(eval.exit_code == 0 || eval.exit_code == 1, true) << eval.output;
  return nlohmann::json::parse(
      read_text(dir / (tracks + ".overlap.json")))["rms_horizontal_in_coverage_m"];
}

/// Tracks `inputs` (recordings in `dir`) into `name`.
void track(const fs::path& dir, const std::vector<std::string>& inputs, const std::string& name) {
  std::string command = straja_binary() + " track";
  for (const std::string& input : inputs) command += " " + (dir / input).string();
  command += " --sensors " + (dir / "sensors.yaml").string() + " --out " + (dir / name).string();
  const auto tracked = run_process(command);
  ASSERT_EQ(tracked.exit_code, 0) << tracked.output;
}

// Where the two 3D radars overlap, the fused picture is more accurate than any one radar's:
// with biased radars (registered against ADS-B in the fused run) and with unbiased ones (the
// two 3D radars alone, no ADS-B). Each single radar is tracked from its own recording.
TEST(CliRegistration, TheFusedPictureBeatsTheBestSingleRadarWhereTheyOverlap) {
  const std::vector<std::string> radars = {"psr-chisinau.ast", "psr-cahul.ast", "ssr-balti.ast"};
  const std::vector<std::string> adsb = {"adsb-chisinau.ast", "adsb-balti.ast", "adsb-cahul.ast"};
  for (const bool biased : {true, false}) {
    SCOPED_TRACE(biased ? "biased radars" : "unbiased radars");
    const fs::path dir = fresh_dir("registration", biased ? "overlap-biased" : "overlap");
    std::string scenario = "moldova";
    if (biased) {
      std::ofstream(dir / "biased.yaml") << biased_moldova();
      scenario = (dir / "biased.yaml").string();
    }
    const auto simulated =
        run_process(straja_binary() + " simulate " + scenario + " --out " + dir.string());
    ASSERT_EQ(simulated.exit_code, 0) << simulated.output;
    double best_single = std::numeric_limits<double>::infinity();
    for (const std::string& radar : radars) {
      track(dir, {radar}, radar + ".csv");
      const double rms = overlap_rms(dir, radar + ".csv");
      RecordProperty((biased ? "biased_" : "") + radar + "_overlap_rms_m", std::to_string(rms));
      best_single = std::min(best_single, rms);
    }
    std::vector<std::string> fused_inputs = {"psr-chisinau.ast", "psr-cahul.ast"};
    if (biased) {
      fused_inputs = radars;
      fused_inputs.insert(fused_inputs.end(), adsb.begin(), adsb.end());
    }
    track(dir, fused_inputs, "fused.csv");
    const double fused = overlap_rms(dir, "fused.csv");
    RecordProperty(biased ? "biased_fused_overlap_rms_m" : "fused_overlap_rms_m",
                   std::to_string(fused));
    EXPECT_LE(fused, 0.8 * best_single) << "fused " << fused << " m, best single " << best_single;
    fs::remove_all(dir);
  }
}

TEST(CliRegistration, BiasedRadarsWithoutAdsbAreRegisteredAgainstEachOther) {
  const fs::path dir = fresh_dir("registration", "moldova-no-adsb");
  const std::string scenario = biased_moldova_without_adsb();
  ASSERT_FALSE(scenario.empty()) << "scenarios/moldova.yaml has the three radars";
  ASSERT_EQ(scenario.find("kind: adsb"), std::string::npos);
  const testing::ProcessResult registered = simulate_and_register(dir, scenario);
  ASSERT_EQ(registered.exit_code, 0) << registered.output;
  const std::string sensors = " --sensors " + (dir / "sensors.yaml").string();
  const auto estimates = last_estimates(dir / "registration.csv");
  for (const auto& [id, truth] : kTrueBiases) {
    SCOPED_TRACE(id);
    ASSERT_TRUE(estimates.contains(id));
    const auto& e = estimates.at(id);
    EXPECT_EQ(e.at("pairs"), 0.0) << "no ADS-B";
    EXPECT_GT(e.at("radar_pairs"), 5000.0);
    EXPECT_EQ(e.at("applied"), 1.0);
    // Ranges, range gains, azimuths and elevations: seen differently from three sites, they
    // converge to the truth.
    EXPECT_NEAR(e.at("range_m"), truth.range_m, 15.0);
    EXPECT_NEAR(e.at("range_gain_ppm"), truth.range_gain * 1e6, 100.0);
    EXPECT_NEAR(e.at("azimuth_deg"), truth.azimuth_deg, 0.03);
    if (id.starts_with("psr")) {
      EXPECT_NEAR(e.at("elevation_deg"), truth.elevation_deg, 0.03);
    }
    // A time offset common to all radars is not observable without ADS-B, and the estimate says
    // so; the differences between the radars' offsets are.
    EXPECT_GT(e.at("time_offset_s_sigma"), 0.5);
    const auto& reference = estimates.at("psr-chisinau");
    EXPECT_NEAR(reference.at("time_offset_s") - e.at("time_offset_s"),
                kTrueBiases.at("psr-chisinau").time_s - truth.time_s, 0.05);
  }

  const auto unregistered =
      run_process(straja_binary() + " track " + (dir / "plots.csv").string() + sensors +
                  " --no-registration --out " + (dir / "unregistered.csv").string());
  ASSERT_EQ(unregistered.exit_code, 0) << unregistered.output;
  const nlohmann::json with = evaluate(dir, "registered.csv");
  const nlohmann::json without = evaluate(dir, "unregistered.csv");
  for (const char* figure : {"rms_horizontal_m", "gospa_mean", "ambiguity"}) {
    RecordProperty(std::string(figure) + "_registered", with[figure].dump());
    RecordProperty(std::string(figure) + "_unregistered", without[figure].dump());
  }
  EXPECT_LT(with["rms_horizontal_m"].get<double>(),
            0.6 * without["rms_horizontal_m"].get<double>());
  EXPECT_LT(with["gospa_mean"].get<double>(), 0.85 * without["gospa_mean"].get<double>());
  EXPECT_LT(with["ambiguity"].get<double>(), without["ambiguity"].get<double>());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace straja
