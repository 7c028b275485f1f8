// End-to-end: the ASTERIX outputs of `straja simulate` as a user meets them. The recordings
// (DIR/<id>.ast, .pcap) decode with the project's decoder to exactly the plots.csv rows (every
// field within one LSB of its ASTERIX item), the same scenario and seed give byte-identical
// recordings whatever the pacing, and --udp streams carry exactly the recorded blocks to unicast
// and multicast receivers, `straja decode udp://` among them.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <thread>

#include "asterix/framing.h"
#include "asterix/stream_decoder.h"
#include "asterix/typed.h"
#include "core/units.h"
#include "geo/geodetic.h"
#include "io/sensors_file.h"
#include "io/udp.h"
#include "live_decode.h"
#include "run_process.h"
#include "simulation/asterix_feed.h"
#include "test_files.h"

namespace straja {
namespace {

using testing::fresh_dir;
using testing::LiveDecode;
using testing::read_bytes;
using testing::run_process;
using testing::straja_binary;
namespace fs = std::filesystem;

constexpr double kGeoidM = 25.0;

/// A psr3d (with a time bias), a Mode S SSR and an ADS-B station over 16 targets of every
/// transponder kind, `duration_s` long; written to DIR/s.yaml.
fs::path write_scenario(const fs::path& dir, int duration_s = 60, bool only_radar = false) {
  std::ofstream yaml(dir / "s.yaml");
  yaml << "name: asterix\nreference: {lat_deg: 47.0, lon_deg: 28.85}\n"
          "start: 2026-06-01T10:00:00Z\nduration_s: "
       << duration_s << "\nseed: 11\nenvironment: {geoid_height_m: " << kGeoidM
       << "}\nsensors:\n"
          "  - {id: psr-1, kind: psr3d, sac: 25, sic: 1, lat_deg: 47.0, lon_deg: 28.85,"
          " height_m: 200, rotation_period_s: 4, false_alarms_per_scan: 8,"
          " biases: {time_s: 0.01}}\n";
  if (!only_radar) {
    yaml << "  - {id: ssr-1, kind: ssr, sac: 25, sic: 2, lat_deg: 47.1, lon_deg: 28.9,"
            " height_m: 150, rotation_period_s: 5}\n"
            "  - {id: adsb-1, kind: adsb, sac: 25, sic: 3, lat_deg: 47.2, lon_deg: 28.7,"
            " height_m: 100}\n";
  }
  yaml << "targets:\n";
  for (int i = 0; i < 16; ++i) {
    const geo::Geodetic at = geo::geodesic_direct(47.0, 28.85, 22.5 * i, 25'000.0 + 5'000 * i);
    yaml << "  - {id: " << i + 1 << ", class: airliner, lat_deg: " << at.lat_deg
         << ", lon_deg: " << at.lon_deg << ", alt_m: " << 2'000 + 500 * i
         << ", heading_deg: " << 41 * i % 360 << ", speed_mps: 210";
    if (i % 3 == 0) {
      yaml << ", icao: \"50" << 1000 + i << "\", callsign: \"AUI" << i << "\", mode3a: \"2517\"";
    } else if (i % 3 == 1) {
      yaml << ", transponder: mode_ac, mode3a: \"3042\"";
    } else {
      yaml << ", transponder: none";
    }
    yaml << "}\n";
  }
  return dir / "s.yaml";
}

/// Every record of a recording (raw or pcap) with its category: the decoder's own walk.
struct Recording {
  std::vector<std::uint8_t> bytes;  ///< the file (the views point into it)
  std::vector<asterix::RecordView> records;
  std::vector<asterix::RecordView> of(int category) const {
    std::vector<asterix::RecordView> out;
    for (const auto& r : records) {
      if (r.edition.category() == category) out.push_back(r);
    }
    return out;
  }
  std::size_t errors = 0;
};
std::unique_ptr<Recording> decode_file(const fs::path& path) {
  auto recording = std::make_unique<Recording>();
  recording->bytes = read_bytes(path);
  auto payloads = asterix::split_payloads(recording->bytes, asterix::Framing::kAuto);
  EXPECT_TRUE(payloads.ok()) << path;
  if (!payloads.ok()) return recording;
  asterix::StreamDecoder decoder{asterix::EditionSelector()};
  for (const asterix::Payload& payload : *payloads) {
    decoder.decode(
        payload.bytes, payload.file_offset,
        [&](const asterix::RecordView& record, auto, auto, auto) {
          recording->records.push_back(record);
        },
        [&](const asterix::DecodeError& error) {
          ADD_FAILURE() << path << ": " << error.describe();
          ++recording->errors;
        });
  }
  return recording;
}

/// The ASTERIX time of day (s) minus `t`'s, on the 24 h clock.
double time_error_s(double asterix_s, Time t) {
  const double d = asterix_s - to_seconds(time_of_day(t));
  return d - 86'400.0 * std::round(d / 86'400.0);
}
double angle_error_deg(double a, double b) {
  const double d = a - b;
  return d - 360.0 * std::round(d / 360.0);
}

/// One plots.csv row (docs/formats/plots.md) as written: NaN where a cell is empty.
struct Row {
  Time time;
  std::string sensor_id;
  double range_m, azimuth_rad, elevation_rad, lat_deg, lon_deg, alt_m;
  std::optional<Mode3A> mode3a;
  std::optional<IcaoAddress> icao;
  std::string callsign;
  double geo_alt_m, vel_east_mps, vel_north_mps, vel_up_mps;
  std::optional<unsigned> nacp;
};
std::vector<Row> read_plots_csv(const fs::path& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line,
            "time_s,sensor_id,kind,range_m,azimuth_deg,elevation_deg,lat_deg,lon_deg,alt_m,"
            "alt_kind,mode3a,icao,callsign,truth_id,geo_alt_m,vel_east_mps,vel_north_mps,"
            "vel_up_mps,nacp");
  std::vector<Row> rows;
  while (std::getline(in, line)) {
    std::vector<std::string> c;
    std::stringstream cells(line);
    for (std::string cell; std::getline(cells, cell, ',');) c.push_back(cell);
    c.resize(19);
    auto number = [](const std::string& text) {
      return text.empty() ? std::nan("") : std::stod(text);
    };
    Row row;
    row.time = from_unix_seconds(std::stod(c[0]));
    row.sensor_id = c[1];
    row.range_m = number(c[3]);
    row.azimuth_rad = units::deg_to_rad(number(c[4]));
    row.elevation_rad = units::deg_to_rad(number(c[5]));
    row.lat_deg = number(c[6]);
    row.lon_deg = number(c[7]);
    row.alt_m = number(c[8]);
    if (!c[10].empty()) row.mode3a = Mode3A::parse(c[10]);
    if (!c[11].empty()) row.icao = IcaoAddress::parse(c[11]);
    row.callsign = c[12];
    row.geo_alt_m = number(c[14]);
    row.vel_east_mps = number(c[15]);
    row.vel_north_mps = number(c[16]);
    row.vel_up_mps = number(c[17]);
    if (!c[18].empty()) row.nacp = static_cast<unsigned>(std::stoul(c[18]));
    rows.push_back(std::move(row));
  }
  return rows;
}

#define EXPECT_WITHIN_LSB(difference, lsb) EXPECT_LE(std::abs(difference), (lsb) * (1 + 1e-9))

TEST(CliSimulateAsterix, RecordingsDecodeToThePlotsCsvRows) {
  const fs::path dir = fresh_dir("simulate", "rows");
  const fs::path scenario = write_scenario(dir);
  const auto run = run_process(straja_binary() + " simulate " + scenario.string() + " --out " +
                               dir.string() + " --pcap");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("psr-1.ast,psr-1.pcap,ssr-1.ast"), std::string::npos) << run.output;

  const auto sensors = io::read_sensors_file((dir / "sensors.yaml").string());
  ASSERT_TRUE(sensors.ok());
  const std::vector<Row> all_rows = read_plots_csv(dir / "plots.csv");
  ASSERT_GT(all_rows.size(), 500u);

  for (const io::SensorsFileEntry& entry : sensors->sensors) {
    const SensorInfo& info = entry.info;
    std::vector<Row> rows;
    for (const Row& row : all_rows) {
      if (row.sensor_id == info.id) rows.push_back(row);
    }
    ASSERT_GT(rows.size(), 50u) << info.id;
    const auto ast = decode_file(dir / (info.id + ".ast"));
    const auto pcap = decode_file(dir / (info.id + ".pcap"));
    ASSERT_EQ(ast->errors + pcap->errors, 0u);
    ASSERT_EQ(pcap->records.size(), ast->records.size()) << info.id;
    for (std::size_t i = 0; i < ast->records.size(); ++i) {
      const auto a = ast->records[i].bytes();
      const auto p = pcap->records[i].bytes();
      ASSERT_TRUE(std::equal(a.begin(), a.end(), p.begin(), p.end())) << info.id << " " << i;
    }

    const int category = info.kind == SensorKind::kAdsb ? 21 : 48;
    const auto reports = ast->of(category);
    ASSERT_EQ(reports.size(), rows.size()) << info.id << ": one report per plots.csv row";
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const Row& row = rows[i];
      SCOPED_TRACE(info.id + " row " + std::to_string(i));
      if (category == 48) {
        const asterix::Cat048View v(reports[i]);
        EXPECT_EQ(*v.data_source(), info.sac_sic);
        EXPECT_WITHIN_LSB(time_error_s(*v.time_of_day_s(), row.time), 1.0 / 128);
        EXPECT_WITHIN_LSB(v.measured_position()->range_nm - row.range_m / 1852.0, 1.0 / 256);
        EXPECT_WITHIN_LSB(
            angle_error_deg(v.measured_position()->azimuth_deg, units::rad_to_deg(row.azimuth_rad)),
            360.0 / 65536);
        if (info.kind == SensorKind::kPsr3d) {
          EXPECT_EQ(*v.detection_type(), 1);
          const double height_m = sim::AsterixFeed::height_3d_msl_m(
              info, kGeoidM, row.range_m, row.azimuth_rad, row.elevation_rad);
          EXPECT_WITHIN_LSB(*v.height_3d_ft() - height_m / units::kFootM, 25.0);
          EXPECT_FALSE(v.mode_3a());
        } else {
          EXPECT_EQ(*v.detection_type(), row.icao ? 5 : 2);
          EXPECT_EQ(v.mode_3a()->code, row.mode3a->value);
          EXPECT_WITHIN_LSB(v.flight_level()->flight_level - row.alt_m / units::kFlightLevelM,
                            0.25);
          EXPECT_EQ(v.aircraft_address(), row.icao);
          if (row.icao) {
            EXPECT_EQ(v.aircraft_identification()->view(), row.callsign);
          } else {
            EXPECT_FALSE(v.aircraft_identification());
          }
        }
      } else {
        const asterix::Cat021View v(reports[i]);
        EXPECT_EQ(*v.data_source(), info.sac_sic);
        EXPECT_WITHIN_LSB(time_error_s(*v.time_of_applicability_position_s(), row.time), 1.0 / 128);
        EXPECT_WITHIN_LSB(*v.latitude_deg() - row.lat_deg, 180.0 / 1073741824);
        EXPECT_WITHIN_LSB(*v.longitude_deg() - row.lon_deg, 180.0 / 1073741824);
        EXPECT_WITHIN_LSB(*v.geometric_height_ft() - row.geo_alt_m / units::kFootM, 6.25);
        EXPECT_WITHIN_LSB(*v.flight_level() - row.alt_m / units::kFlightLevelM, 0.25);
        EXPECT_WITHIN_LSB(
            *v.ground_speed_kt() - std::hypot(row.vel_east_mps, row.vel_north_mps) / 1852.0 * 3600,
            3600.0 / 16384);
        EXPECT_WITHIN_LSB(
            angle_error_deg(*v.track_angle_deg(),
                            units::rad_to_deg(std::atan2(row.vel_east_mps, row.vel_north_mps))),
            360.0 / 65536);
        EXPECT_WITHIN_LSB(
            v.geometric_vertical_rate_ft_min()->value - row.vel_up_mps / units::kFeetPerMinuteMps,
            6.25);
        EXPECT_EQ(*v.target_address(), *row.icao);
        EXPECT_EQ(v.target_identification()->view(), row.callsign);
        EXPECT_EQ(v.mode_3a()->code, row.mode3a->value);
        EXPECT_EQ(reports[i].item(90)[1] >> 1 & 15u, *row.nacp);
      }
    }

    // A rotating radar: one north marker per rotation, the rotation period apart.
    if (info.kind != SensorKind::kAdsb) {
      std::vector<double> north;
      for (const auto& record : ast->of(34)) {
        const asterix::Cat034View v(record);
        if (*v.message_type() == 1) north.push_back(*v.time_of_day_s());
      }
      EXPECT_EQ(north.size(), static_cast<std::size_t>(60.0 / info.rotation_period_s));
      for (std::size_t i = 1; i < north.size(); ++i) {
        EXPECT_WITHIN_LSB(north[i] - north[i - 1] - info.rotation_period_s, 1.0 / 128);
      }
    } else {
      EXPECT_TRUE(ast->of(34).empty());
    }
  }
  fs::remove_all(dir);
}

// Wireshark's ASTERIX dissector as an independent reader of the recordings: every record is
// dissected, nothing is malformed, and the radars' reports carry SIM. Skips without tshark.
TEST(CliSimulateAsterix, WiresharkDissectsTheRecordingsWithoutComplaint) {
  if (run_process("tshark -v").exit_code != 0) GTEST_SKIP() << "tshark not installed";
  const fs::path dir = fresh_dir("simulate", "tshark");
  const fs::path scenario = write_scenario(dir, 30);
  ASSERT_EQ(run_process(straja_binary() + " simulate " + scenario.string() + " --out " +
                        dir.string() + " --pcap")
                .exit_code,
            0);
  const char* ids[] = {"psr-1", "ssr-1", "adsb-1"};
  for (int i = 0; i < 3; ++i) {
    const fs::path text = dir / (std::string(ids[i]) + ".txt");
    // Without --udp the packets go to 239.255.0.1, port 8600 + the sensor's position.
    const auto run = run_process(
        "tshark -r " + (dir / (std::string(ids[i]) + ".pcap")).string() +
        " -d udp.port==" + std::to_string(8600 + i) +
        ",asterix -o 'asterix.i048_version:Version 1.27' -o 'asterix.i034_version:Version 1.27' "
        "-o 'asterix.i021_version:Version 2.6' -V >" +
        text.string());
    ASSERT_EQ(run.exit_code, 0) << run.output;
    std::ifstream in(text);
    std::size_t messages = 0, simulated = 0, complaints = 0;
    for (std::string line; std::getline(in, line);) {
      if (line.find("Asterix message, #") != std::string::npos) ++messages;
      if (line.find("SIM: Simulated target report (1)") != std::string::npos) ++simulated;
      if (line.find("Malformed") != std::string::npos ||
          line.find("Expert Info") != std::string::npos) {
        ++complaints;
        ADD_FAILURE() << ids[i] << ": " << line;
      }
    }
    const auto recording = decode_file(dir / (std::string(ids[i]) + ".ast"));
    EXPECT_EQ(messages, recording->records.size()) << ids[i];
    EXPECT_EQ(complaints, 0u) << ids[i];
    if (i < 2) {
      EXPECT_EQ(simulated, recording->of(48).size()) << ids[i];
    }
  }
  fs::remove_all(dir);
}

TEST(CliSimulateAsterix, SameScenarioAndSeedGiveByteIdenticalRecordingsWhateverThePacing) {
  const fs::path a = fresh_dir("simulate", "same-a");
  const fs::path b = fresh_dir("simulate", "same-b");
  const fs::path scenario = write_scenario(a, 40);
  ASSERT_EQ(run_process(straja_binary() + " simulate " + scenario.string() + " --out " +
                        a.string() + " --pcap")
                .exit_code,
            0);
  // The second run paced (40 simulated seconds at 100x): the files must not notice.
  ASSERT_EQ(run_process(straja_binary() + " simulate " + scenario.string() + " --out " +
                        b.string() + " --pcap --speed 100")
                .exit_code,
            0);
  for (const char* name : {"psr-1.ast", "ssr-1.ast", "adsb-1.ast", "psr-1.pcap", "ssr-1.pcap",
                           "adsb-1.pcap", "plots.csv"}) {
    const auto first = read_bytes(a / name);
    EXPECT_GT(first.size(), 1000u) << name;
    EXPECT_TRUE(first == read_bytes(b / name)) << name;
  }
  fs::remove_all(a);
  fs::remove_all(b);
}

/// Receivers on `count` consecutive ports of `address` (a free run of ports is searched for).
std::vector<std::unique_ptr<io::UdpReceiver>> consecutive_receivers(const std::string& address,
                                                                    std::size_t count,
                                                                    int& first_port) {
  std::mt19937 random(static_cast<unsigned>(::getpid()));
  for (int attempt = 0; attempt < 50; ++attempt) {
    first_port = 20'000 + static_cast<int>(random() % 30'000);
    std::vector<std::unique_ptr<io::UdpReceiver>> receivers;
    for (std::size_t i = 0; i < count; ++i) {
      auto receiver = io::UdpReceiver::open(
          *io::UdpEndpoint::parse(address + ":" + std::to_string(first_port + static_cast<int>(i)) +
                                  (address.starts_with("239.") ? "@127.0.0.1" : "")));
      if (!receiver) break;
      receivers.push_back(std::move(*receiver));
    }
    if (receivers.size() == count) return receivers;
  }
  return {};
}

/// Everything a receiver got, concatenated, once nothing more arrives for 200 ms.
std::vector<std::uint8_t> drain(io::UdpReceiver& receiver, std::size_t& datagrams) {
  std::vector<std::uint8_t> all;
  std::vector<std::uint8_t> datagram;
  datagrams = 0;
  while (receiver.next(datagram, std::chrono::milliseconds(200))) {
    all.insert(all.end(), datagram.begin(), datagram.end());
    ++datagrams;
  }
  return all;
}

std::size_t count_blocks(const std::vector<std::uint8_t>& raw) {
  std::size_t blocks = 0;
  for (std::size_t at = 0; at + 3 <= raw.size(); ++blocks) {
    at += static_cast<std::size_t>(raw[at + 1]) << 8 | raw[at + 2];
  }
  return blocks;
}

TEST(CliSimulateAsterix, StreamsCarryExactlyTheRecordedBlocksPacedBySpeed) {
  for (const std::string address : {"127.0.0.1", "239.255.70.9"}) {
    SCOPED_TRACE(address);
    const fs::path dir = fresh_dir("simulate", "udp");
    const fs::path scenario = write_scenario(dir, 30);
    int port = 0;
    auto receivers = consecutive_receivers(address, 3, port);
    ASSERT_EQ(receivers.size(), 3u);
    std::string udp;
    if (address == "127.0.0.1") {  // one endpoint per sensor
      for (int i = 0; i < 3; ++i) udp += " " + address + ":" + std::to_string(port + i);
    } else {  // one group, consecutive ports
      udp = " udp://" + address + ":" + std::to_string(port) + "@127.0.0.1";
    }
    const auto start = std::chrono::steady_clock::now();
    const auto run = run_process(straja_binary() + " simulate " + scenario.string() + " --out " +
                                 dir.string() + " --speed 40 --udp" + udp);
    const double wall_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_EQ(run.exit_code, 0) << run.output;
    // 30 simulated seconds at 40x: the last blocks go out after about 0.75 s.
    EXPECT_GE(wall_s, 0.7) << "paced";
    EXPECT_LT(wall_s, 20.0);
    const char* names[] = {"psr-1.ast", "ssr-1.ast", "adsb-1.ast"};
    for (std::size_t i = 0; i < 3; ++i) {
      std::size_t datagrams = 0;
      const auto received = drain(*receivers[i], datagrams);
      const auto recorded = read_bytes(dir / names[i]);
      EXPECT_EQ(datagrams, count_blocks(recorded)) << names[i] << ": one block per datagram";
      EXPECT_TRUE(received == recorded)
          << names[i] << ": " << received.size() << " octets vs " << recorded.size();
      EXPECT_EQ(receivers[i]->counters().dropped_kernel, 0u);
    }
    fs::remove_all(dir);
  }
}

TEST(CliSimulateAsterix, StrajaDecodeReceivesTheStreamRecordForRecord) {
  const fs::path dir = fresh_dir("simulate", "decode");
  const fs::path scenario = write_scenario(dir, 40, /*only_radar=*/true);
  // A first run to files only tells how many blocks and records the stream will carry (the
  // same scenario and seed give the same ones).
  ASSERT_EQ(run_process(straja_binary() + " simulate " + scenario.string() + " --out " +
                        (dir / "files").string())
                .exit_code,
            0);
  const auto recorded = decode_file(dir / "files" / "psr-1.ast");
  const std::size_t blocks = count_blocks(recorded->bytes);
  ASSERT_GT(blocks, 100u);

  LiveDecode live(dir / "decode.out",
                  "udp://127.0.0.1:0 --stats --count " + std::to_string(blocks) + " --duration 20");
  const int port = live.port();
  ASSERT_GT(port, 0) << live.output();
  const auto run = run_process(straja_binary() + " simulate " + scenario.string() + " --out " +
                               (dir / "streamed").string() +
                               " --speed 80 --udp 127.0.0.1:" + std::to_string(port));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("streamed to udp://127.0.0.1:" + std::to_string(port)),
            std::string::npos)
      << run.output;
  const std::string output = live.finish();
  std::size_t lines = 0;
  std::size_t cat048 = 0;
  std::istringstream stream(output);
  for (std::string line; std::getline(stream, line);) {
    if (line.starts_with("{\"cat\":")) ++lines;
    if (line.starts_with("{\"cat\":48,")) ++cat048;
  }
  EXPECT_EQ(lines, recorded->records.size()) << output.substr(output.size() - 400);
  EXPECT_EQ(cat048, recorded->of(48).size());
  EXPECT_NE(output.find("CAT048 records=" + std::to_string(recorded->of(48).size()) + " errors=0"),
            std::string::npos);
  EXPECT_NE(output.find("datagrams=" + std::to_string(blocks) + " "), std::string::npos);
  fs::remove_all(dir);
}

TEST(CliSimulateAsterix, BadStreamArgumentsAreOneLineUsageErrors) {
  const fs::path dir = fresh_dir("simulate", "bad");
  const std::string simulate =
      straja_binary() + " simulate " + write_scenario(dir, 8).string() + " --out " + dir.string();
  for (const std::string args :
       {" --udp 127.0.0.1:5000 127.0.0.1:5001", " --udp 127.0.0.1", " --udp 127.0.0.1:0",
        " --udp 127.0.0.1:65534", " --speed 0 --udp 127.0.0.1:5000", " --multicast-ttl 300"}) {
    const auto run = run_process(simulate + args);
    EXPECT_EQ(run.exit_code, 2) << args << "\n" << run.output;
    EXPECT_EQ(std::count(run.output.begin(), run.output.end(), '\n'), 1) << args << run.output;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace straja
