// straja serve end to end: the real binary replays a simulated recording (straja simulate
// first-light) and the test reads the picture over HTTP and WebSocket, on 127.0.0.x only.

#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <boost/asio/ip/udp.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "io/recording.h"
#include "run_process.h"
#include "server/test_clients.h"
#include "test_files.h"

extern char** environ;

namespace straja {
namespace {

using namespace server::testing;
using nlohmann::json;
using straja::testing::fresh_dir;
using straja::testing::run_process;
using straja::testing::straja_binary;

/// A free TCP port on 127.0.0.1 (bound, read and released).
std::uint16_t free_port() {
  asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  return acceptor.local_endpoint().port();
}

/// A free UDP port on 127.0.0.1 (bound, read and released).
std::uint16_t free_udp_port() {
  asio::io_context io;
  asio::ip::udp::socket socket(io, asio::ip::udp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  return socket.local_endpoint().port();
}

/// `straja COMMAND ARGS` (serve by default) in the background, its output in a file; stopped
/// with SIGINT.
class ServeProcess {
 public:
  ServeProcess(const std::string& args, const std::filesystem::path& log,
               const std::string& subcommand = "serve")
      : log_(log) {
    const std::string command = "exec " + straja_binary() + " " + subcommand + " " + args + " >" +
                                log.string() + " 2>&1 </dev/null";
    const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
    spawned_ =
        posix_spawn(&pid_, "/bin/sh", nullptr, nullptr, const_cast<char**>(argv), environ) == 0;
  }
  ~ServeProcess() { stop(); }
  /// SIGINT, then the exit status (-1 when it did not exit normally).
  int stop() {
    if (!spawned_) return -1;
    spawned_ = false;
    ::kill(pid_, SIGINT);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  std::string output() const {
    std::ifstream in(log_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

 private:
  std::filesystem::path log_;
  pid_t pid_ = 0;
  bool spawned_ = false;
};

/// Retries `fetch` (up to ~20 s in all) until `done` accepts the reply.
template <typename Done>
Reply poll(std::uint16_t port, const std::string& target, Done done, const Headers& headers = {},
           const std::string& address = "127.0.0.1") {
  Reply reply;
  for (int i = 0; i < 200; ++i) {
    reply = fetch(port, target, headers, address);
    if (!reply.ec && done(reply)) return reply;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return reply;
}

class CliServe : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(fresh_dir("serve", "recording"));
    const auto simulated =
        run_process(straja_binary() + " simulate first-light --out " + dir_->string());
    ASSERT_EQ(simulated.exit_code, 0) << simulated.output;
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }
  static std::string recording() {
    return (*dir_ / "plots.csv").string() + " --sensors " + (*dir_ / "sensors.yaml").string();
  }
  static std::filesystem::path* dir_;
};
std::filesystem::path* CliServe::dir_ = nullptr;

TEST_F(CliServe, ReplaysARecordingIntoTheRestAndWebSocketPicture) {
  const std::uint16_t port = free_port();
  ServeProcess serve(
      recording() + " --speed 30 --ws-rate 5 --no-loop --port " + std::to_string(port),
      *dir_ / "serve.log");
  ASSERT_EQ(poll(port, "/health", [](const Reply& r) { return r.status() == 200; }).status(), 200u)
      << serve.output();

  const Reply tracks = poll(port, "/api/tracks", [](const Reply& r) {
    return json::parse(r.response.body(), nullptr, false).size() >= 3;
  });
  const json picture = json::parse(tracks.response.body());
  ASSERT_GE(picture.size(), 3u) << serve.output();
  for (const char* key : {"id", "status", "time", "lat", "lon", "alt_m", "fl", "speed_mps",
                          "course_deg", "cooperative", "sensors", "imm", "class"}) {
    EXPECT_TRUE(picture[0].contains(key)) << key;
  }
  EXPECT_EQ(picture[0]["sensors"][0], "psr-chisinau");
  const Reply detail = fetch(port, "/api/tracks/" + std::to_string(picture[0]["id"].get<int>()));
  if (detail.status() == 200u) {  // the track may have ended in between
    EXPECT_TRUE(json::parse(detail.response.body())["history"].is_array());
  }

  const json sensors = json::parse(fetch(port, "/api/sensors").response.body());
  ASSERT_EQ(sensors.size(), 1u);
  EXPECT_EQ(sensors[0]["id"], "psr-chisinau");
  EXPECT_EQ(sensors[0]["kind"], "psr3d");

  const json stats = json::parse(fetch(port, "/api/stats").response.body());
  EXPECT_EQ(stats["source"], "replay");
  EXPECT_GT(stats["plots_total"].get<int>(), 0);
  EXPECT_FALSE(stats["replay"].is_null());
  EXPECT_EQ(stats["replay"]["start"], "2026-06-01T10:00:00.031Z");

  const std::string metrics = fetch(port, "/metrics").response.body();
  for (const char* name : {"straja_plots_received_total ", "straja_tracks{status=\"confirmed\"}",
                           "straja_latency_seconds{quantile=\"0.99\"}", "straja_inputs 1",
                           "straja_http_requests_total"}) {
    EXPECT_NE(metrics.find(name), std::string::npos) << name << "\n" << metrics;
  }

  WsClient ws(port, "/ws");
  ASSERT_FALSE(ws.error()) << ws.error().message();
  const json snapshot = json::parse(ws.read_type("snapshot"));
  EXPECT_TRUE(snapshot["tracks"].is_array());
  const json delta = json::parse(ws.read_type("delta"));
  EXPECT_TRUE(delta["upsert"].is_array());
  EXPECT_TRUE(delta["remove"].is_array());
  EXPECT_NE(ws.read_type("stats", 100), "");

  // Replay control from the browser: pause, then seek back to the start.
  ASSERT_FALSE(ws.write(R"({"type":"replay","action":"pause"})"));
  const Reply paused = poll(port, "/api/stats", [](const Reply& r) {
    return json::parse(r.response.body())["replay"]["paused"] == true;
  });
  EXPECT_EQ(json::parse(paused.response.body())["replay"]["paused"], true);
  ASSERT_FALSE(ws.write(R"({"type":"replay","action":"seek","time":"2026-06-01T10:00:30Z"})"));
  const Reply rewound = poll(port, "/api/stats", [](const Reply& r) {
    return json::parse(r.response.body())["replay"]["position"] == "2026-06-01T10:00:30.000Z";
  });
  EXPECT_EQ(json::parse(rewound.response.body())["replay"]["position"], "2026-06-01T10:00:30.000Z");
  ASSERT_FALSE(ws.write(R"({"type":"replay","action":"seek","time":"2030-01-01T00:00:00Z"})"));
  EXPECT_NE(json::parse(ws.read_type("error"))["message"].get<std::string>().find("outside"),
            std::string::npos);

  EXPECT_EQ(serve.stop(), 0) << serve.output();
  EXPECT_NE(serve.output().find("event=ws_connect"), std::string::npos) << serve.output();
}

// Bound to 127.0.0.2 (loopback, but not a default address) without --token: a token is generated
// and printed once with the URL; requests without it are refused.
TEST_F(CliServe, BeyondTheDefaultAddressATokenIsGeneratedAndRequired) {
  const std::uint16_t port = free_port();
  ServeProcess serve(recording() + " --bind 127.0.0.2 --port " + std::to_string(port),
                     *dir_ / "serve-token.log");
  std::string token;
  for (int i = 0; i < 200 && token.empty(); ++i) {
    const std::string output = serve.output();
    const std::size_t at = output.find("?token=");
    if (at != std::string::npos && output.find('\n', at) != std::string::npos) {
      token = output.substr(at + 7, output.find('\n', at) - at - 7);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (token.empty() && serve.output().find("assign") != std::string::npos) {
    GTEST_SKIP() << "127.0.0.2 is not available here: " << serve.output();
  }
  ASSERT_EQ(token.size(), 32u) << serve.output();
  EXPECT_NE(serve.output().find("http://127.0.0.2:" + std::to_string(port) + "/?token="),
            std::string::npos);
  const Reply refused = fetch(port, "/api/tracks", {}, "127.0.0.2");
  EXPECT_EQ(refused.status(), 401u);
  EXPECT_EQ(fetch(port, "/api/tracks?token=" + token + "x", {}, "127.0.0.2").status(), 401u);
  EXPECT_EQ(
      fetch(port, "/api/tracks", {{http::field::authorization, "Bearer " + token}}, "127.0.0.2")
          .status(),
      200u);
  EXPECT_EQ(fetch(port, "/../../etc/passwd?token=" + token, {}, "127.0.0.2").status(), 400u);
  WsClient missing(port, "/ws", {}, "127.0.0.2");
  EXPECT_EQ(missing.upgrade_status(), 401u);
  WsClient right(port, "/ws?token=" + token, {}, "127.0.0.2");
  EXPECT_FALSE(right.error()) << right.error().message();
  EXPECT_EQ(serve.stop(), 0);
  EXPECT_NE(serve.output().find("event=auth_failure"), std::string::npos);
  EXPECT_EQ(serve.output().find(token, serve.output().find(token) + 1), std::string::npos)
      << "the token is printed once";
}

// A token from the environment (STRAJA_TOKEN, as a systemd EnvironmentFile gives it) is required
// and never printed.
TEST_F(CliServe, TokenFromTheEnvironmentIsRequiredAndNotPrinted) {
  const std::uint16_t port = free_port();
  const std::string token = "0123456789abcdef0123456789abcdef";
  ::setenv("STRAJA_TOKEN", token.c_str(), 1);
  ServeProcess serve(recording() + " --bind 127.0.0.2 --port " + std::to_string(port),
                     *dir_ / "serve-env-token.log");
  ::unsetenv("STRAJA_TOKEN");
  const Reply answered = poll(
      port, "/api/tracks", [](const Reply& reply) { return reply.status() == 200u; },
      {{http::field::authorization, "Bearer " + token}}, "127.0.0.2");
  if (answered.status() != 200u && serve.output().find("assign") != std::string::npos) {
    GTEST_SKIP() << "127.0.0.2 is not available here: " << serve.output();
  }
  EXPECT_EQ(answered.status(), 200u) << serve.output();
  EXPECT_EQ(fetch(port, "/api/tracks", {}, "127.0.0.2").status(), 401u);
  EXPECT_EQ(serve.stop(), 0);
  EXPECT_NE(serve.output().find("access token required"), std::string::npos) << serve.output();
  EXPECT_EQ(serve.output().find(token), std::string::npos) << "an environment token is not printed";
}

// Live ASTERIX over UDP: the simulator streams first-light to the server, which tracks it.
TEST_F(CliServe, TracksLiveAsterixOverUdp) {
  const std::uint16_t udp_port = free_udp_port();
  const std::uint16_t port = free_port();
  ServeProcess serve("udp://127.0.0.1:" + std::to_string(udp_port) + " --sensors " +
                         (*dir_ / "sensors.yaml").string() + " --date 2026-06-01 --port " +
                         std::to_string(port) + " --record " + (*dir_ / "live.rec").string(),
                     *dir_ / "serve-live.log");
  ASSERT_EQ(poll(port, "/health", [](const Reply& r) { return r.status() == 200; }).status(), 200u)
      << serve.output();
  const auto streamed =
      run_process(straja_binary() + " simulate first-light --speed 100 --out " +
                  (*dir_ / "streamed").string() + " --udp 127.0.0.1:" + std::to_string(udp_port));
  ASSERT_EQ(streamed.exit_code, 0) << streamed.output;
  const Reply stats = poll(port, "/api/stats", [](const Reply& r) {
    const json s = json::parse(r.response.body());
    return s["plots_total"].get<int>() > 100 && s["tracks"]["confirmed"].get<int>() > 0;
  });
  const json s = json::parse(stats.response.body());
  EXPECT_EQ(s["source"], "live");
  EXPECT_GT(s["plots_total"].get<int>(), 100) << serve.output();
  EXPECT_GT(s["tracks"]["confirmed"].get<int>(), 0);
  EXPECT_FALSE(s["latency_ms"]["p50"].is_null());
  EXPECT_EQ(serve.stop(), 0) << serve.output();

  // --record: the datagrams as they arrived, before decoding. first-light has one sensor, so
  // the payloads in order are its recording's blocks in order (all of them, unless the run was
  // stopped before the last datagrams were taken from the socket).
  auto recording = io::RecordingReader::open((*dir_ / "live.rec").string());
  ASSERT_TRUE(recording.ok()) << recording.error().message;
  std::vector<std::uint8_t> recorded;
  io::RecordedPayload payload;
  Time previous{};
  while (recording->next(payload)) {
    EXPECT_EQ(payload.source, 0u);
    EXPECT_GE(payload.arrival, previous);
    previous = payload.arrival;
    recorded.insert(recorded.end(), payload.payload.begin(), payload.payload.end());
  }
  EXPECT_EQ(recording->bad_bytes(), 0u);
  std::vector<std::uint8_t> sent;
  for (const auto& entry : std::filesystem::directory_iterator(*dir_ / "streamed")) {
    if (entry.path().extension() != ".ast") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    sent.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  ASSERT_GT(recorded.size(), 1000u);
  ASSERT_LE(recorded.size(), sent.size());
  EXPECT_TRUE(std::equal(recorded.begin(), recorded.end(), sent.begin()))
      << "the recorded payloads are the datagrams sent, byte for byte";
}

// `straja track udp://...`: the live pipeline without the picture server, writing its outputs
// until stopped.
TEST_F(CliServe, TrackTakesLiveUdpFeedsUntilStopped) {
  const std::uint16_t udp_port = free_udp_port();
  const std::filesystem::path tracks = *dir_ / "live-tracks.csv";
  ServeProcess track("udp://127.0.0.1:" + std::to_string(udp_port) + " --sensors " +
                         (*dir_ / "sensors.yaml").string() + " --date 2026-06-01 --out " +
                         tracks.string(),
                     *dir_ / "track-live.log", "track");
  for (int i = 0; i < 200 && track.output().find("event=input_listen") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_NE(track.output().find("event=input_listen"), std::string::npos) << track.output();
  const auto streamed = run_process(straja_binary() + " simulate first-light --speed 100 --out " +
                                    (*dir_ / "streamed-track").string() +
                                    " --udp 127.0.0.1:" + std::to_string(udp_port));
  ASSERT_EQ(streamed.exit_code, 0) << streamed.output;
  // Outputs are written once a second of wall time: wait for confirmed rows.
  const auto confirmed_rows = [&] {
    std::ifstream in(tracks);
    std::size_t rows = 0;
    for (std::string line; std::getline(in, line);) {
      if (line.find(",confirmed,") != std::string::npos) ++rows;
    }
    return rows;
  };
  for (int i = 0; i < 100 && confirmed_rows() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(track.stop(), 0) << track.output();
  EXPECT_GT(confirmed_rows(), 0u) << track.output();
  EXPECT_EQ(track.output().find("127.0.0.1:8080"), std::string::npos)
      << "no picture server is started";
  // Mixing live feeds and recordings is a usage error.
  const auto mixed =
      run_process(straja_binary() + " track udp://127.0.0.1:" + std::to_string(udp_port) + " " +
                  (*dir_ / "plots.csv").string() + " --sensors " +
                  (*dir_ / "sensors.yaml").string() + " --out " + (*dir_ / "mixed.csv").string());
  EXPECT_EQ(mixed.exit_code, 2) << mixed.output;
}

// Live CAT062 on a UDP input is a partner system's picture (docs/formats/partner-tracks.md): an
// SDPS the sensors file does not list is fused with one warning.
TEST_F(CliServe, TakesAPartnersCat062OverUdp) {
  const std::uint16_t udp_port = free_udp_port();
  const std::uint16_t port = free_port();
  const std::string sensors = (*dir_ / "sensors.yaml").string();
  ServeProcess serve("udp://127.0.0.1:" + std::to_string(udp_port) + " --sensors " + sensors +
                         " --date 2026-06-01 --port " + std::to_string(port),
                     *dir_ / "serve-partner.log");
  ASSERT_EQ(poll(port, "/health", [](const Reply& r) { return r.status() == 200; }).status(), 200u)
      << serve.output();
  std::string recording_file;
  for (const auto& entry : std::filesystem::directory_iterator(*dir_)) {
    if (entry.path().extension() == ".ast") recording_file = entry.path().string();
  }
  ASSERT_FALSE(recording_file.empty());
  // The partner: its picture of the same recording, as SDPS 7/9, over UDP.
  const auto sent =
      run_process(straja_binary() + " track " + recording_file + " --sensors " + sensors +
                  " --sdps 7/9 --out udp://127.0.0.1:" + std::to_string(udp_port));
  ASSERT_EQ(sent.exit_code, 0) << sent.output;
  std::string log = serve.output();
  for (int i = 0; i < 200 && log.find("event=partner_unlisted") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    log = serve.output();
  }
  EXPECT_NE(log.find("event=partner_unlisted sdps=7/9"), std::string::npos) << log;
  EXPECT_EQ(serve.stop(), 0) << serve.output();
}

// straja run CONFIG.yaml: the same live tracking from a configuration file, with the raw
// recording, a tracks.csv and a CAT062 output, and a status line; relative paths are the file's.
TEST_F(CliServe, RunsLiveFromAConfigurationFile) {
  const std::uint16_t udp_port = free_udp_port();
  const std::uint16_t port = free_port();
  const auto config = *dir_ / "run.yaml";
  std::filesystem::remove(*dir_ / "run.rec");
  {
    // The tracker configuration's filter holds in live runs too: an IMM.
    std::ofstream(*dir_ / "run-tracker.yaml") << "filter: imm\n";
    std::ofstream out(config);
    out << "inputs: [udp://127.0.0.1:" << udp_port << "]\n"
        << "sensors: sensors.yaml\n"
        << "tracker: run-tracker.yaml\n"
        << "date: 2026-06-01\n"
        << "record: run.rec\n"
        << "outputs: [run-tracks.csv, run-system.ast]\n"
        << "status_period_s: 0.5\n"
        << "server:\n"
        << "  port: " << port << "\n";
  }
  ServeProcess run(config.string(), *dir_ / "run.log", "run");
  ASSERT_EQ(poll(port, "/health", [](const Reply& r) { return r.status() == 200; }).status(), 200u)
      << run.output();
  const auto streamed = run_process(straja_binary() + " simulate first-light --speed 100 --out " +
                                    (*dir_ / "run-streamed").string() +
                                    " --udp 127.0.0.1:" + std::to_string(udp_port));
  ASSERT_EQ(streamed.exit_code, 0) << streamed.output;
  const Reply stats = poll(port, "/api/stats", [](const Reply& r) {
    const json s = json::parse(r.response.body());
    return s["tracks"]["confirmed"].get<int>() > 0;
  });
  EXPECT_GT(json::parse(stats.response.body())["tracks"]["confirmed"].get<int>(), 0)
      << run.output();
  const json shown = json::parse(
      poll(port, "/api/tracks", [](const Reply& r) { return r.status() == 200; }).response.body());
  ASSERT_FALSE(shown.empty());
  for (const json& track : shown) {
    ASSERT_TRUE(track["imm"].is_object()) << track;
    EXPECT_TRUE(track["imm"].contains("cv") && track["imm"].contains("ct")) << track;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // one more status line, output
  EXPECT_EQ(run.stop(), 0) << run.output();
  const std::string log = run.output();
  EXPECT_NE(log.find("straja run: "), std::string::npos) << log;
  EXPECT_NE(log.find(" confirmed + "), std::string::npos) << log;
  EXPECT_NE(log.find("latency p50 "), std::string::npos) << log;

  auto recording = io::RecordingReader::open((*dir_ / "run.rec").string());
  ASSERT_TRUE(recording.ok()) << recording.error().message;
  io::RecordedPayload payload;
  std::size_t payloads = 0;
  while (recording->next(payload)) ++payloads;
  EXPECT_GT(payloads, 10u);

  std::ifstream csv(*dir_ / "run-tracks.csv");
  std::string header, row;
  ASSERT_TRUE(std::getline(csv, header)) << "run-tracks.csv written next to the configuration";
  EXPECT_TRUE(header.starts_with("time")) << header;
  EXPECT_TRUE(std::getline(csv, row)) << "at least one track row";
  const auto decoded = run_process(straja_binary() + " decode " +
                                   (*dir_ / "run-system.ast").string() + " --format jsonl");
  EXPECT_EQ(decoded.exit_code, 0) << decoded.output;
  EXPECT_NE(decoded.output.find("\"cat\":62"), std::string::npos);
}

TEST_F(CliServe, ARunConfigurationErrorNamesTheFileLineAndField) {
  const auto config = *dir_ / "bad-run.yaml";
  {
    std::ofstream out(config);
    out << "inputs: [udp://127.0.0.1:9]\n"
        << "sensors: sensors.yaml\n"
        << "server:\n"
        << "  prot: 8080\n";
  }
  const auto run = run_process(straja_binary() + " run " + config.string());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("bad-run.yaml:4"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("server.prot"), std::string::npos) << run.output;

  {
    std::ofstream out(config);
    out << "inputs: [first-light.ast]\nsensors: sensors.yaml\n";
  }
  const auto file_input = run_process(straja_binary() + " run " + config.string());
  EXPECT_EQ(file_input.exit_code, 2) << file_input.output;
  EXPECT_NE(file_input.output.find("inputs"), std::string::npos) << file_input.output;

  {
    std::ofstream out(config);
    out << "inputs: [udp://127.0.0.1:9]\nsensors: sensors.yaml\nsdps: 7/900\n";
  }
  const auto bad_sdps = run_process(straja_binary() + " run " + config.string());
  EXPECT_EQ(bad_sdps.exit_code, 2) << bad_sdps.output;
  EXPECT_NE(bad_sdps.output.find("bad-run.yaml:3"), std::string::npos) << bad_sdps.output;
  EXPECT_NE(bad_sdps.output.find("sdps"), std::string::npos) << bad_sdps.output;
}

TEST_F(CliServe, BadInputIsAUsageError) {
  const auto missing = run_process(straja_binary() + " serve /nonexistent.ast --date 2026-01-01");
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
  const auto no_sensors = run_process(straja_binary() + " serve " + (*dir_ / "plots.csv").string());
  EXPECT_EQ(no_sensors.exit_code, 2) << no_sensors.output;
  const auto bad_root =
      run_process(straja_binary() + " serve " + recording() + " --web-root /nonexistent-root");
  EXPECT_EQ(bad_root.exit_code, 2) << bad_root.output;
  EXPECT_NE(bad_root.output.find("--web-root"), std::string::npos) << bad_root.output;
}

TEST_F(CliServe, ACoverageDirectoryWithoutLayersIsAUsageError) {
  const auto missing =
      run_process(straja_binary() + " serve " + recording() + " --coverage /nonexistent-coverage");
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
  EXPECT_NE(missing.output.find("--coverage"), std::string::npos) << missing.output;
  // A directory, but not one straja coverage wrote (no geojson/ in it).
  const auto not_coverage =
      run_process(straja_binary() + " serve " + recording() + " --coverage " + dir_->string());
  EXPECT_EQ(not_coverage.exit_code, 2) << not_coverage.output;
  EXPECT_NE(not_coverage.output.find("geojson"), std::string::npos) << not_coverage.output;
}

}  // namespace
}  // namespace straja
