// The typed ASTERIX writer (asterix/typed_writer.h) and the simulator's ASTERIX feed: records/s
// (items_per_second) and MB/s of octets written, per CPU second.
//
//   BM_AsterixWriteCat048/psr    CAT048 primary plot: I010 I140 I020 I040 I110
//   BM_AsterixWriteCat048/modes  CAT048 Mode S reply: I010 I140 I020 I040 I070 I090 I220 I240 I230
//   BM_AsterixWriteCat021        CAT021 ADS-B report: 17 items (I010 ... I170)
//   BM_AsterixWriteCat062        CAT062 1.18 system track: I010 I015 I070 I105 I100 I185 I060 I380
//                                (ADR, ID) I040 I080 (4 extents) I290 (TRK PSR SSR MDS) I136 I340
//                                (SID POS MDC TYP), as `straja track` writes a Mode S radar track
//   BM_AsterixFeedScans          sim::AsterixFeed on the scans of a scenario of all three sensor
//                                kinds (records, CAT034 messages and block packing; the scans are
//                                simulated beforehand, outside the timing)

#include <benchmark/benchmark.h>

#include <random>
#include <sstream>
#include <vector>

#include "asterix/typed_writer.h"
#include "geo/geodetic.h"
#include "simulation/asterix_feed.h"
#include "simulation/simulator.h"

namespace straja::asterix {
namespace {

constexpr std::size_t kReports = 1024;

void count(benchmark::State& state, std::size_t records, std::size_t octets) {
  state.SetItemsProcessed(static_cast<std::int64_t>(records));
  state.SetBytesProcessed(static_cast<std::int64_t>(octets));
}

void BM_AsterixWriteCat048(benchmark::State& state) {
  const bool mode_s = state.range(0) == 1;
  std::mt19937_64 random(48);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<Cat048Report> reports(kReports);
  for (Cat048Report& r : reports) {
    r.data_source = {25, 1};
    r.time_of_day_s = 36'000.0 + 3'600.0 * u(random);
    r.simulated = true;
    r.measured_position = PolarPosition{250.0 * u(random), 360.0 * u(random)};
    if (mode_s) {
      r.detection_type = 5;
      r.mode_3a = Mode3AReply{false, false, false, 04621};
      r.flight_level = FlightLevelReply{false, false, 400.0 * u(random)};
      r.aircraft_address = IcaoAddress{0x4B1816};
      r.aircraft_identification = "THY3KL";
      r.capability = Cat048Capability{1, 0, false, true, true, true};
    } else {
      r.detection_type = 1;
      r.height_3d_ft = 40'000.0 * u(random);
    }
  }
  std::vector<std::uint8_t> out;
  out.reserve(kReports * 64);
  std::size_t records = 0;
  std::size_t octets = 0;
  for (auto _ : state) {
    out.clear();
    for (const Cat048Report& r : reports) append_cat048_record(r, out);
    benchmark::DoNotOptimize(out.data());
    records += reports.size();
    octets += out.size();
  }
  count(state, records, octets);
}
BENCHMARK(BM_AsterixWriteCat048)->Arg(0)->Arg(1)->ArgName("modes");

void BM_AsterixWriteCat021(benchmark::State& state) {
  std::mt19937_64 random(21);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<Cat021Report> reports(kReports);
  for (Cat021Report& r : reports) {
    const double t = 36'000.0 + 3'600.0 * u(random);
    r.data_source = {25, 3};
    r.descriptor.simulated = true;
    r.track_number = static_cast<std::uint16_t>(random() % 4096);
    r.time_of_applicability_position_s = t;
    r.latitude_deg = 45.0 + 3.0 * u(random);
    r.longitude_deg = 27.0 + 3.0 * u(random);
    r.time_of_applicability_velocity_s = t;
    r.target_address = IcaoAddress{0x4B1816};
    r.time_of_message_reception_position_s = t;
    r.geometric_height_ft = 40'000.0 * u(random);
    r.quality = Cat021Quality{0, 0, false, 0, 9};
    r.mops_version = MopsVersion{false, 2, 2};
    r.mode_3a = 04621;
    r.flight_level = 400.0 * u(random);
    r.target_status = Cat021TargetStatus{};
    r.geometric_vertical_rate_ft_min = 2'000.0 * (u(random) - 0.5);
    r.ground_speed_kt = 500.0 * u(random);
    r.track_angle_deg = 360.0 * u(random);
    r.target_identification = "THY3KL";
  }
  std::vector<std::uint8_t> out;
  out.reserve(kReports * 80);
  std::size_t records = 0;
  std::size_t octets = 0;
  for (auto _ : state) {
    out.clear();
    for (const Cat021Report& r : reports) append_cat021_record(r, out);
    benchmark::DoNotOptimize(out.data());
    records += reports.size();
    octets += out.size();
  }
  count(state, records, octets);
}
BENCHMARK(BM_AsterixWriteCat021);

void BM_AsterixWriteCat062(benchmark::State& state) {
  std::mt19937_64 random(62);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<Cat062Track> tracks(kReports);
  for (std::size_t i = 0; i < tracks.size(); ++i) {
    Cat062Track& t = tracks[i];
    t.data_source = {25, 100};
    t.service_identification = 1;
    t.time_of_track_s = 36'000.0 + 3'600.0 * u(random);
    t.latitude_deg = 45.0 + 3.0 * u(random);
    t.longitude_deg = 27.0 + 3.0 * u(random);
    t.x_m = 300'000.0 * (u(random) - 0.5);
    t.y_m = 300'000.0 * (u(random) - 0.5);
    t.vx_m_s = 500.0 * (u(random) - 0.5);
    t.vy_m_s = 500.0 * (u(random) - 0.5);
    t.mode_3a = Cat062Mode3A{04621};
    t.target_address = IcaoAddress{0x4B1816};
    t.target_identification = "THY3KL";
    t.track_number = static_cast<std::uint16_t>(i + 1);
    t.status.simulated = true;
    t.status.coasting = i % 5 == 0;
    t.update_ages = Cat062UpdateAges{600.0 * u(random), 4.8 * u(random), 4.8 * u(random),
                                     4.8 * u(random), std::nullopt};
    t.measured_flight_level = 400.0 * u(random);
    Cat062MeasuredInformation m;
    m.sensor = SacSic{25, 2};
    m.position = PolarPosition{250.0 * u(random), 360.0 * u(random)};
    m.mode_c = FlightLevelReply{false, false, *t.measured_flight_level};
    m.report_type = Cat062ReportType{5, true};
    t.measured = m;
  }
  std::vector<std::uint8_t> out;
  out.reserve(kReports * 96);
  std::size_t records = 0;
  std::size_t octets = 0;
  for (auto _ : state) {
    out.clear();
    for (const Cat062Track& t : tracks) append_cat062_record(t, out);
    benchmark::DoNotOptimize(out.data());
    records += tracks.size();
    octets += out.size();
  }
  count(state, records, octets);
}
BENCHMARK(BM_AsterixWriteCat062);

/// A psr3d, a Mode S SSR and an ADS-B station over 120 targets (a third each Mode S with ADS-B,
/// Mode A/C, no transponder), 10 minutes.
sim::Scenario feed_scenario() {
  std::ostringstream yaml;
  yaml << "name: bench\nreference: {lat_deg: 47.0, lon_deg: 28.85}\n"
          "start: 2026-06-01T10:00:00Z\nduration_s: 600\nseed: 1\nsensors:\n"
          "  - {id: p, kind: psr3d, lat_deg: 47.0, lon_deg: 28.85, height_m: 200}\n"
          "  - {id: s, kind: ssr, sic: 2, lat_deg: 47.1, lon_deg: 28.9, height_m: 150}\n"
          "  - {id: a, kind: adsb, sic: 3, lat_deg: 47.2, lon_deg: 28.7, height_m: 100}\n"
          "targets:\n";
  for (int i = 0; i < 120; ++i) {
    const geo::Geodetic at =
        geo::geodesic_direct(47.0, 28.85, 3.0 * i, 20'000.0 + 1'500.0 * (i % 100));
    yaml << "  - {id: " << i + 1 << ", class: airliner, lat_deg: " << at.lat_deg
         << ", lon_deg: " << at.lon_deg << ", alt_m: " << 1'000 + 90 * i
         << ", heading_deg: " << 37 * i % 360 << ", speed_mps: 200";
    if (i % 3 == 0) {
      yaml << ", icao: \"" << std::hex << 0x400000 + i << std::dec << "\", callsign: \"T" << i
           << "\"";
    } else if (i % 3 == 1) {
      yaml << ", transponder: mode_ac";
    } else {
      yaml << ", transponder: none";
    }
    yaml << "}\n";
  }
  auto scenario = sim::parse_scenario(yaml.str(), "bench.yaml");
  if (!scenario) std::abort();
  return *scenario;
}

void BM_AsterixFeedScans(benchmark::State& state) {
  const sim::Scenario scenario = feed_scenario();
  std::vector<sim::SensorScan> scans;
  sim::Simulator simulator(scenario);
  while (auto scan = simulator.next_scan()) scans.push_back(std::move(*scan));
  std::vector<sim::TimedBlock> blocks;
  std::size_t plots = 0;
  std::size_t records = 0;
  std::size_t octets = 0;
  for (auto _ : state) {
    sim::AsterixFeed feed(scenario);
    for (const sim::SensorScan& scan : scans) {
      feed.encode(scan, blocks);
      plots += scan.plots.size();
      for (const sim::TimedBlock& block : blocks) {
        records += block.records;
        octets += block.octets.size();
      }
      blocks.clear();
    }
  }
  count(state, records, octets);
  state.counters["plots/s"] =
      benchmark::Counter(static_cast<double>(plots), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_AsterixFeedScans)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace straja::asterix
