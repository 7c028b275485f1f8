// End-to-end: barometric altitudes become heights. The built-in moldova scenario flies on a warm,
// high-pressure day (QNH 1016 hPa, ISA+5 C, mean sea level 30 m above the ellipsoid), so its
// SSR's Mode C / Mode S altitudes lie 100-250 m below the aircraft's heights. Tracking the SSR's
// ASTERIX recording alone:
//   - with the standard atmosphere and no learning, the tracks' heights are off by ~200 m RMS;
//   - with the day's QNH, temperature deviation and geoid height configured (tracker
//     configuration `altitude:`), the error is that of the altitude quantisation;
//   - with the ADS-B stations' recordings beside it and the default configuration, the
//     residual learnt from ADS-B reports does as well.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "run_process.h"
#include "test_files.h"

namespace straja {
namespace {

using testing::fresh_dir;
using testing::read_text;
using testing::run_process;
using testing::straja_binary;
namespace fs = std::filesystem;

struct Scores {
  double rms_vertical_m = 0.0;
  double rms_horizontal_m = 0.0;
};

Scores track_and_score(const fs::path& dir, const std::string& inputs, const std::string& name,
                       const std::string& config_text) {
  std::string config;
  if (!config_text.empty()) {
    std::ofstream(dir / (name + ".yaml")) << config_text;
    config = " --config " + (dir / (name + ".yaml")).string();
  }
  const auto tracked = run_process(straja_binary() + " track " + inputs + " --sensors " +
                                   (dir / "sensors.yaml").string() + config + " --out " +
                                   (dir / (name + ".csv")).string());
  EXPECT_EQ(tracked.exit_code, 0) << tracked.output;
  const auto eval =
      run_process(straja_binary() + " eval --truth " + (dir / "truth.csv").string() + " --tracks " +
                  (dir / (name + ".csv")).string() + " --plots " + (dir / "plots.csv").string() +
                  " --json " + (dir / (name + ".json")).string());
  EXPECT_TRUE(eval.exit_code == 0 || eval.exit_code == 1) << eval.output;
  const auto summary = nlohmann::json::parse(read_text(dir / (name + ".json")));
  return {summary["rms_vertical_m"], summary["rms_horizontal_m"]};
}

TEST(CliAltitude, BarometricAltitudesBecomeHeightsFromTheConfiguredDayOrFromAdsb) {
  const fs::path dir = fresh_dir("altitude", "moldova");
  const auto simulated = run_process(straja_binary() + " simulate moldova --out " + dir.string());
  ASSERT_EQ(simulated.exit_code, 0) << simulated.output;
  const std::string ssr = (dir / "ssr-balti.ast").string();

  const Scores standard =
      track_and_score(dir, ssr, "standard", "altitude: {learn_from_adsb: false}\n");
  const Scores configured =
      track_and_score(dir, ssr, "configured",
                      "altitude: {qnh_hpa: 1016, temperature_deviation_c: 5, geoid_height_m: 30, "
                      "learn_from_adsb: false}\n");
  std::string with_adsb = ssr;
  for (const char* station : {"adsb-chisinau", "adsb-balti", "adsb-cahul"}) {
    with_adsb += " " + (dir / (std::string(station) + ".ast")).string();
  }
  const Scores learnt = track_and_score(dir, with_adsb, "learnt", "");
  RecordProperty("rms_vertical_standard_m", std::to_string(standard.rms_vertical_m));
  RecordProperty("rms_vertical_configured_m", std::to_string(configured.rms_vertical_m));
  RecordProperty("rms_vertical_learnt_m", std::to_string(learnt.rms_vertical_m));

  // The day's atmosphere puts the aircraft 100-250 m above their pressure altitudes.
  EXPECT_GT(standard.rms_vertical_m, 100.0);
  // Mode C's 100 ft steps (and Mode S's 25 ft) leave ~10-30 m; the conversion must remove the
  // day's bias, not merely shrink it.
  EXPECT_LT(configured.rms_vertical_m, 40.0);
  EXPECT_LT(configured.rms_vertical_m, 0.25 * standard.rms_vertical_m);
  EXPECT_LT(learnt.rms_vertical_m, 40.0);
  // Heights do not change where the aircraft are on the map.
  EXPECT_NEAR(configured.rms_horizontal_m, standard.rms_horizontal_m,
              0.1 * standard.rms_horizontal_m);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace straja
