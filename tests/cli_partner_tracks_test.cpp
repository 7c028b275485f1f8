// End-to-end: a partner system's CAT062 picture fused track-to-track with ours. The partner
// tracks one radar of the moldova scenario (psr-cahul, in the south) under its own SDPS; we track
// the other radar and the SSR (psr-chisinau, ssr-balti) with and without the partner's picture,
// and `straja eval` scores both against the truth.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "asterix/typed_writer.h"
#include "run_process.h"
#include "test_files.h"

namespace straja {
namespace {

using testing::fresh_dir;
using testing::read_text;
using testing::run_process;
using testing::straja_binary;
namespace fs = std::filesystem;

nlohmann::json read_json(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in, nullptr, false);
}

class CliPartnerTracks : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fresh_dir("partner", "tracks"));
    const std::string d = dir_->string();
    const auto sim = run_process(straja_binary() + " simulate moldova --out " + d + "/sim");
    ASSERT_EQ(sim.exit_code, 0) << sim.output;
    // The partner: psr-cahul alone, as SDPS 7/9.
    const auto partner =
        run_process(straja_binary() + " track " + d + "/sim/psr-cahul.ast" + " --sensors " + d +
                    "/sim/sensors.yaml --sdps 7/9 --out " + d + "/partner.ast");
    ASSERT_EQ(partner.exit_code, 0) << partner.output;
    // Our sensors file lists the partner.
    std::ofstream(*dir_ / "sensors.yaml")
        << read_text(*dir_ / "sim" / "sensors.yaml")
        << "  - id: neighbour\n    kind: partner\n    sac: 7\n    sic: 9\n";
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }

  /// `straja track` of our two sensors (and `extra` inputs) to NAME.csv and NAME.jsonl, then
  /// `straja eval` of NAME.csv to NAME.json; the summary.
  static nlohmann::json track_and_score(const std::string& name, const std::string& extra,
                                        std::string* track_output = nullptr) {
    const std::string d = dir_->string();
    const auto track =
        run_process(straja_binary() + " track " + d + "/sim/psr-chisinau.ast " + d +
                    "/sim/ssr-balti.ast " + extra + " --sensors " + d + "/sensors.yaml --out " + d +
                    "/" + name + ".csv --out " + d + "/" + name + ".jsonl");
    EXPECT_EQ(track.exit_code, 0) << track.output;
    if (track_output) *track_output = track.output;
    const auto eval =
        run_process(straja_binary() + " eval --truth " + d + "/sim/truth.csv" + " --tracks " + d +
                    "/" + name + ".csv --json " + d + "/" + name + ".json");
    EXPECT_EQ(eval.exit_code, 0) << eval.output;
    return read_json(*dir_ / (name + ".json"));
  }

  static fs::path* dir_;
};

fs::path* CliPartnerTracks::dir_ = nullptr;

TEST_F(CliPartnerTracks, ThePartnersPictureAddsTracksWithoutDuplicatesOrLossOfAccuracy) {
  const nlohmann::json alone = track_and_score("local", "");
  std::string output;
  const nlohmann::json fused = track_and_score("fused", (*dir_ / "partner.ast").string(), &output);
  ASSERT_TRUE(alone.is_object() && fused.is_object());
  EXPECT_EQ(output.find("not a partner in the sensors file"), std::string::npos) << output;
  EXPECT_NE(output.find("partner track update(s) from 1 partner system(s)"), std::string::npos)
      << output;

  // Targets only the partner sees appear: more of the truth is covered.
  EXPECT_GT(fused.at("completeness").get<double>(), alone.at("completeness").get<double>() + 0.02);
  // Nothing is duplicated and few false tracks come in.
  EXPECT_LE(fused.at("ambiguity").get<double>(), alone.at("ambiguity").get<double>() + 0.01);
  EXPECT_LE(fused.at("spuriousness").get<double>(), alone.at("spuriousness").get<double>() + 0.01);
  // Accuracy is not worse.
  EXPECT_LE(fused.at("rms_horizontal_m").get<double>(), alone.at("rms_horizontal_m").get<double>());
  EXPECT_LE(fused.at("rms_velocity_mps").get<double>(),
            alone.at("rms_velocity_mps").get<double>() * 1.02);
  EXPECT_LT(fused.at("gospa_mean").get<double>(), alone.at("gospa_mean").get<double>());

  // Sources: fused tracks list the partner beside our sensors; partner-only tracks list it
  // alone, under their own track numbers.
  // tracks.csv's sources cell holds the same list, ';'-separated, row for row.
  std::ifstream jsonl(*dir_ / "fused.jsonl");
  std::ifstream csv(*dir_ / "fused.csv");
  std::string line;
  std::string csv_line;
  ASSERT_TRUE(std::getline(csv, csv_line));
  ASSERT_TRUE(csv_line.ends_with(",mode3a,sources")) << csv_line;
  std::size_t fused_rows = 0;
  std::size_t partner_only_rows = 0;
  while (std::getline(jsonl, line)) {
    const auto row = nlohmann::json::parse(line, nullptr, false);
    ASSERT_TRUE(row.is_object()) << line;
    ASSERT_TRUE(std::getline(csv, csv_line)) << "tracks.csv ends before the JSON lines";
    std::string joined;
    if (row.contains("sources")) {
      for (const auto& id : row.at("sources"))
        joined += (joined.empty() ? "" : ";") + id.get<std::string>();
    }
    EXPECT_EQ(csv_line.substr(csv_line.rfind(',') + 1), joined) << csv_line;
    if (!row.contains("sources") || row.at("status") == "tentative") continue;
    const auto& sources = row.at("sources");
    const bool partner = std::find(sources.begin(), sources.end(), "neighbour") != sources.end();
    if (partner && sources.size() > 1) ++fused_rows;
    if (partner && sources.size() == 1) {
      ++partner_only_rows;
      EXPECT_GE(row.at("track_id").get<std::uint64_t>(), 1'000'000u) << line;
    }
  }
  EXPECT_GT(fused_rows, 1000u);
  EXPECT_GT(partner_only_rows, 100u);
}

TEST_F(CliPartnerTracks, AnUnlistedPartnerIsFusedWithAWarning) {
  const std::string d = dir_->string();
  const auto track =
      run_process(straja_binary() + " track " + d + "/sim/ssr-balti.ast " + d +
                  "/partner.ast --sensors " + d + "/sim/sensors.yaml --out " + d + "/unlisted.csv");
  EXPECT_EQ(track.exit_code, 0) << track.output;
  EXPECT_NE(track.output.find("CAT062 tracks of SDPS 7/9, not a partner in the sensors file"),
            std::string::npos)
      << track.output;
}

TEST_F(CliPartnerTracks, AMalformedCat062RecordIsCountedAndSkipped) {
  // A record without a WGS-84 position cannot be placed.
  asterix::Cat062Track track;
  track.data_source = {7, 9};
  track.time_of_track_s = 36'000.0;
  track.track_number = 3;
  track.x_m = 1000.0;
  track.y_m = 2000.0;
  std::vector<std::uint8_t> block = {62, 0, 0};
  asterix::append_cat062_record(track, block);
  block[2] = static_cast<std::uint8_t>(block.size());
  const fs::path bad = *dir_ / "bad-partner.ast";
  std::ofstream(bad, std::ios::binary)
      .write(reinterpret_cast<const char*>(block.data()),
             static_cast<std::streamsize>(block.size()));
  const std::string d = dir_->string();
  const auto run =
      run_process(straja_binary() + " track " + d + "/sim/ssr-balti.ast " + bad.string() +
                  " --sensors " + d + "/sensors.yaml --out " + d + "/bad.csv");
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("1 CAT062 record(s) without a data source, time, track number or "
                            "WGS-84 position skipped"),
            std::string::npos)
      << run.output;
}

TEST_F(CliPartnerTracks, ABadSdpsIsAUsageError) {
  const std::string d = dir_->string();
  const auto run = run_process(straja_binary() + " track " + d + "/sim/ssr-balti.ast --sensors " +
                               d + "/sensors.yaml --sdps 7/900 --out " + d + "/x.csv");
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("--sdps"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace straja
