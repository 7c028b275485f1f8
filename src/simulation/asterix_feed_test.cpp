// The simulator's ASTERIX decoded back with the project's decoder: every CAT048/CAT021 record
// matches its plot field by field (within half an LSB of the ASTERIX field), CAT034 north markers
// come once per rotation with the sector messages between them, blocks group one sector or
// window and stay within their size limit, and times run in order.

#include "simulation/asterix_feed.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "asterix/record.h"
#include "asterix/typed.h"
#include "asterix/values.h"
#include "core/units.h"
#include "geo/geodetic.h"
#include "geo/radar.h"

namespace straja::sim {
namespace {

constexpr double kTimeLsb = 1.0 / 128.0;

/// Three sensors (psr3d with a time bias, Mode S SSR, ADS-B) over targets of every transponder
/// kind, starting 30 s before midnight so that the time of day wraps.
Scenario test_scenario(double geoid_m = 30.0) {
  std::ostringstream yaml;
  yaml << "name: feed\nreference: {lat_deg: 47.0, lon_deg: 28.85}\n"
          "start: 2026-06-01T23:59:30Z\nduration_s: 60\nseed: 5\n"
          "environment: {geoid_height_m: "
       << geoid_m
       << "}\n"
          "sensors:\n"
          "  - {id: p, kind: psr3d, sac: 25, sic: 1, lat_deg: 47.0, lon_deg: 28.85, height_m: "
          "200, rotation_period_s: 4, false_alarms_per_scan: 20, biases: {time_s: 0.02}}\n"
          "  - {id: s, kind: ssr, sac: 25, sic: 2, lat_deg: 47.1, lon_deg: 28.9, height_m: 150,"
          " rotation_period_s: 5}\n"
          "  - {id: a, kind: adsb, sac: 25, sic: 3, lat_deg: 47.2, lon_deg: 28.7, height_m: 100}\n"
          "targets:\n";
  for (int i = 0; i < 24; ++i) {
    const geo::Geodetic at = geo::geodesic_direct(47.0, 28.85, 15.0 * i, 20'000.0 + 4'000 * i);
    yaml << "  - {id: " << i + 1 << ", class: airliner, lat_deg: " << at.lat_deg
         << ", lon_deg: " << at.lon_deg << ", alt_m: " << 1'000 + 450 * i
         << ", heading_deg: " << 37 * i % 360 << ", speed_mps: 200, climb_mps: " << (i % 3) * 5;
    if (i % 3 == 0) {
      yaml << ", icao: \"4B18" << 10 + i << "\", callsign: \"THY" << i << "\", mode3a: \""
           << (i == 6 ? "7700" : "4621") << "\"";
    } else if (i % 3 == 1) {
      yaml << ", transponder: mode_ac, mode3a: \"" << (i == 4 ? "7500" : "1234") << "\"";
    } else {
      yaml << ", transponder: none";
    }
    yaml << "}\n";
  }
  auto scenario = parse_scenario(yaml.str(), "feed.yaml");
  if (!scenario) ADD_FAILURE() << scenario.error().message;
  return *scenario;
}

struct FeedRun {
  Scenario scenario;
  std::vector<std::vector<Plot>> plots;  ///< per sensor, in scan order
  std::vector<std::vector<SensorScan>> scans;
  std::vector<std::vector<TimedBlock>> blocks;  ///< per sensor, in the order encoded
};

FeedRun simulate(const Scenario& scenario, AsterixFeedOptions options = {}) {
  FeedRun run;
  run.scenario = scenario;
  run.plots.resize(scenario.sensors.size());
  run.scans.resize(scenario.sensors.size());
  run.blocks.resize(scenario.sensors.size());
  Simulator simulator(scenario);
  AsterixFeed feed(scenario, options);
  std::vector<TimedBlock> blocks;
  while (auto scan = simulator.next_scan()) {
    feed.encode(*scan, blocks);
    for (TimedBlock& block : blocks) run.blocks[block.sensor.value].push_back(std::move(block));
    blocks.clear();
    auto& plots = run.plots[scan->sensor.value];
    plots.insert(plots.end(), scan->plots.begin(), scan->plots.end());
    run.scans[scan->sensor.value].push_back(std::move(*scan));
  }
  return run;
}

/// a - b on the 24 h clock, in (-12 h, 12 h].
double time_of_day_difference(double a, double b) {
  double d = a - b;
  return d - 86'400.0 * std::round(d / 86'400.0);
}
double seconds_of_day(Time t) {
  return to_seconds(time_of_day(t));
}

#define EXPECT_WITHIN_HALF_LSB(decoded, expected, lsb) \
  EXPECT_LE(std::abs((decoded) - (expected)), 0.5 * (lsb) * (1 + 1e-9) + 1e-9)

/// Every record of every block of one sensor, with the block it came in.
struct DecodedRecords {
  std::vector<asterix::RecordView> records;
  std::vector<std::size_t> block_of;
};
DecodedRecords decode(const std::vector<TimedBlock>& blocks, int category) {
  DecodedRecords out;
  const asterix::EditionSelector editions;  // the defaults: CAT048 1.21, CAT034 1.27, CAT021 2.6
  std::vector<asterix::RecordView> records;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const TimedBlock& block = blocks[b];
    EXPECT_EQ(block.octets.at(0), block.category);
    const auto error = asterix::parse_block(block.octets, editions, 0, records);
    EXPECT_FALSE(error) << (error ? error->describe() : "");
    EXPECT_EQ(records.size(), block.records);
    if (block.category != category) continue;
    for (const auto& record : records) {
      out.records.push_back(record);
      out.block_of.push_back(b);
    }
  }
  return out;
}

TEST(AsterixFeedTest, HeightIsTheInverseOfTheRadarGeometry) {
  // The psr3d model's 4/3-earth polar coordinates of a known point give back its height.
  const Scenario scenario = test_scenario();
  const SensorInfo& info = scenario.sensors[0].info;
  const geo::RadarSite site(info.site, geo::Propagation::kFourThirdsEarth);
  for (const double distance_m : {5'000.0, 80'000.0, 240'000.0}) {
    for (const double height_m : {300.0, 9'000.0, 19'000.0}) {
      const geo::Geodetic ground = geo::geodesic_direct(47.0, 28.85, 123.0, distance_m);
      const geo::Polar polar =
          site.to_polar(geo::Geodetic{ground.lat_deg, ground.lon_deg, height_m});
      EXPECT_NEAR(AsterixFeed::height_3d_msl_m(info, 30.0, polar.range_m, polar.azimuth_rad,
                                               polar.elevation_rad),
                  height_m - 30.0, 0.01)
          << distance_m << " " << height_m;
    }
  }
}

TEST(AsterixFeedTest, Psr3dRecordsMatchTheirPlots) {
  const FeedRun run = simulate(test_scenario());
  const SensorInfo& info = run.scenario.sensors[0].info;
  ASSERT_EQ(info.kind, SensorKind::kPsr3d);
  const DecodedRecords decoded = decode(run.blocks[0], 48);
  const std::vector<Plot>& plots = run.plots[0];
  ASSERT_GT(plots.size(), 200u);
  ASSERT_EQ(decoded.records.size(), plots.size());
  std::set<int> false_alarms;
  for (std::size_t i = 0; i < plots.size(); ++i) {
    const Plot& plot = plots[i];
    const asterix::Cat048View v(decoded.records[i]);
    EXPECT_EQ(*v.data_source(), (SacSic{25, 1}));
    EXPECT_WITHIN_HALF_LSB(
        std::abs(time_of_day_difference(*v.time_of_day_s(), seconds_of_day(plot.time))), 0.0,
        kTimeLsb);
    EXPECT_EQ(*v.detection_type(), 1) << "single PSR detection";
    EXPECT_WITHIN_HALF_LSB(v.measured_position()->range_nm, plot.range_m / 1852.0, 1.0 / 256);
    double azimuth_error = v.measured_position()->azimuth_deg - units::rad_to_deg(plot.azimuth_rad);
    azimuth_error -= 360.0 * std::round(azimuth_error / 360.0);
    EXPECT_WITHIN_HALF_LSB(azimuth_error, 0.0, 360.0 / 65536);
    const double height_ft = AsterixFeed::height_3d_msl_m(info, 30.0, plot.range_m,
                                                          plot.azimuth_rad, plot.elevation_rad) /
                             units::kFootM;
    EXPECT_WITHIN_HALF_LSB(*v.height_3d_ft(), height_ft, 25.0);
    EXPECT_FALSE(v.mode_3a());
    EXPECT_FALSE(v.flight_level());
    EXPECT_FALSE(v.aircraft_address());
    EXPECT_FALSE(v.track_number()) << "plots, not tracks";
    EXPECT_EQ(decoded.records[i].item(20)[0] & 0x10u, 0x10u) << "SIM";
    if (plot.truth_id < 0) false_alarms.insert(static_cast<int>(i));
  }
  EXPECT_GT(false_alarms.size(), 100u) << "false alarms are reported like any other plot";
}

TEST(AsterixFeedTest, SsrRecordsMatchTheirPlots) {
  const FeedRun run = simulate(test_scenario());
  const DecodedRecords decoded = decode(run.blocks[1], 48);
  const std::vector<Plot>& plots = run.plots[1];
  ASSERT_GT(plots.size(), 100u);
  ASSERT_EQ(decoded.records.size(), plots.size());
  int mode_s = 0;
  int mode_ac = 0;
  int emergencies = 0;
  for (std::size_t i = 0; i < plots.size(); ++i) {
    const Plot& plot = plots[i];
    const asterix::Cat048View v(decoded.records[i]);
    EXPECT_EQ(*v.data_source(), (SacSic{25, 2}));
    EXPECT_WITHIN_HALF_LSB(
        std::abs(time_of_day_difference(*v.time_of_day_s(), seconds_of_day(plot.time))), 0.0,
        kTimeLsb);
    EXPECT_WITHIN_HALF_LSB(v.measured_position()->range_nm, plot.range_m / 1852.0, 1.0 / 256);
    double azimuth_error = v.measured_position()->azimuth_deg - units::rad_to_deg(plot.azimuth_rad);
    azimuth_error -= 360.0 * std::round(azimuth_error / 360.0);
    EXPECT_WITHIN_HALF_LSB(azimuth_error, 0.0, 360.0 / 65536);
    ASSERT_TRUE(plot.mode3a);
    EXPECT_EQ(v.mode_3a()->code, plot.mode3a->value);
    EXPECT_FALSE(v.mode_3a()->not_validated);
    EXPECT_WITHIN_HALF_LSB(v.flight_level()->flight_level, plot.alt_m / units::kFlightLevelM, 0.25);
    // 25 ft (Mode S) and 100 ft (Mode C) altitudes are whole multiples of the 1/4 FL LSB.
    EXPECT_NEAR(v.flight_level()->flight_level, plot.alt_m / units::kFlightLevelM, 1e-6);
    EXPECT_FALSE(v.height_3d_ft());
    const bool emergency = plot.mode3a->is_emergency();
    emergencies += emergency ? 1 : 0;
    if (plot.icao) {
      ++mode_s;
      EXPECT_EQ(*v.detection_type(), 5) << "single Mode S roll-call";
      EXPECT_EQ(*v.aircraft_address(), *plot.icao);
      EXPECT_EQ(v.aircraft_identification()->view(), plot.callsign);
      EXPECT_EQ(*v.communications_capability(), 1);
      const asterix::Bytes i230 = decoded.records[i].item(230);
      ASSERT_EQ(i230.size(), 2u);
      EXPECT_EQ(i230[0] >> 2 & 7u, emergency ? 2u : 0u) << "STAT";
      EXPECT_EQ(i230[1] & 0x40u, 0x40u) << "ARC: 25 ft";
    } else {
      ++mode_ac;
      EXPECT_EQ(*v.detection_type(), 2) << "single SSR detection";
      EXPECT_FALSE(v.aircraft_address());
      EXPECT_FALSE(v.aircraft_identification());
      EXPECT_TRUE(decoded.records[i].item(230).empty());
      EXPECT_NEAR(std::fmod(plot.alt_m / units::kFootM + 1e-6, 100.0), 0.0, 1e-5);
    }
  }
  EXPECT_GT(mode_s, 20);
  EXPECT_GT(mode_ac, 20);
  EXPECT_GT(emergencies, 0);
}

TEST(AsterixFeedTest, AdsbRecordsMatchTheirPlots) {
  const FeedRun run = simulate(test_scenario());
  const DecodedRecords decoded = decode(run.blocks[2], 21);
  const std::vector<Plot>& plots = run.plots[2];
  ASSERT_GT(plots.size(), 200u);
  ASSERT_EQ(decoded.records.size(), plots.size());
  std::map<std::uint32_t, std::uint16_t> track_numbers;
  std::set<std::uint16_t> numbers_used;
  for (std::size_t i = 0; i < plots.size(); ++i) {
    const Plot& plot = plots[i];
    const asterix::Cat021View v(decoded.records[i]);
    EXPECT_EQ(*v.data_source(), (SacSic{25, 3}));
    const double tod = seconds_of_day(plot.time);
    EXPECT_WITHIN_HALF_LSB(
        std::abs(time_of_day_difference(*v.time_of_applicability_position_s(), tod)), 0.0,
        kTimeLsb);
    EXPECT_EQ(v.time_of_message_reception_position_s(), v.time_of_applicability_position_s());
    EXPECT_EQ(v.time_of_applicability_velocity_s(), v.time_of_applicability_position_s());
    const asterix::Cat021ReportDescriptor descriptor = *v.target_report_descriptor();
    EXPECT_EQ(descriptor.address_type, 0);
    EXPECT_EQ(descriptor.altitude_reporting_capability, 0) << "25 ft";
    EXPECT_EQ(descriptor.simulated, true);
    EXPECT_WITHIN_HALF_LSB(*v.latitude_deg(), plot.lat_deg, 180.0 / 1073741824);
    EXPECT_WITHIN_HALF_LSB(*v.longitude_deg(), plot.lon_deg, 180.0 / 1073741824);
    EXPECT_WITHIN_HALF_LSB(*v.geometric_height_ft(), plot.geo_alt_m / units::kFootM, 6.25);
    EXPECT_WITHIN_HALF_LSB(*v.flight_level(), plot.alt_m / units::kFlightLevelM, 0.25);
    const double speed_kt = std::hypot(plot.vel_east_mps, plot.vel_north_mps) / units::kKnotMps;
    EXPECT_WITHIN_HALF_LSB(*v.ground_speed_kt(), speed_kt, 3600.0 / 16384);
    double track_error =
        *v.track_angle_deg() - units::rad_to_deg(std::atan2(plot.vel_east_mps, plot.vel_north_mps));
    track_error -= 360.0 * std::round(track_error / 360.0);
    EXPECT_WITHIN_HALF_LSB(track_error, 0.0, 360.0 / 65536);
    EXPECT_WITHIN_HALF_LSB(v.geometric_vertical_rate_ft_min()->value,
                           plot.vel_up_mps / units::kFeetPerMinuteMps, 6.25);
    EXPECT_FALSE(v.barometric_vertical_rate_ft_min());
    EXPECT_EQ(*v.target_address(), *plot.icao);
    EXPECT_EQ(v.target_identification()->view(), plot.callsign);
    EXPECT_EQ(v.mode_3a()->code, plot.mode3a->value);
    const asterix::Bytes quality = decoded.records[i].item(90);
    ASSERT_EQ(quality.size(), 2u);
    EXPECT_EQ(quality[1] >> 1 & 15u, *plot.nacp) << "NACp";
    EXPECT_EQ(v.mops_version()->version, 2);
    EXPECT_EQ(v.mops_version()->link_technology, 2);
    EXPECT_EQ(v.target_status()->priority_status, plot.mode3a->value == 07700 ? 1 : 0);
    EXPECT_FALSE(v.air_speed()) << "no air data";
    // One track number per address, kept from report to report.
    const auto [it, added] = track_numbers.try_emplace(plot.icao->value, *v.track_number());
    EXPECT_EQ(it->second, *v.track_number());
    if (added) {
      EXPECT_TRUE(numbers_used.insert(*v.track_number()).second);
    }
  }
  EXPECT_GE(track_numbers.size(), 7u);
}

TEST(AsterixFeedTest, NorthMarkerOncePerRotationAndSectorsBetween) {
  const FeedRun run = simulate(test_scenario());
  for (const std::size_t s : {std::size_t{0}, std::size_t{1}}) {
    const SensorInfo& info = run.scenario.sensors[s].info;
    const Duration bias = from_seconds(run.scenario.sensors[s].biases.time_s);
    const DecodedRecords messages = decode(run.blocks[s], 34);
    std::vector<double> north;
    std::vector<double> sectors;
    for (std::size_t i = 0; i < messages.records.size(); ++i) {
      const asterix::Cat034View v(messages.records[i]);
      const TimedBlock& block = run.blocks[s][messages.block_of[i]];
      EXPECT_EQ(*v.data_source(), info.sac_sic);
      // Sent when the sensor says, on the true clock.
      EXPECT_WITHIN_HALF_LSB(
          std::abs(time_of_day_difference(*v.time_of_day_s(), seconds_of_day(block.time + bias))),
          0.0, kTimeLsb);
      if (*v.message_type() == 1) {
        north.push_back(*v.time_of_day_s());
        EXPECT_WITHIN_HALF_LSB(*v.antenna_rotation_period_s(), info.rotation_period_s, kTimeLsb);
        EXPECT_FALSE(v.system_configuration().empty());
        EXPECT_FALSE(v.system_processing_mode().empty());
        EXPECT_FALSE(v.sector_azimuth_deg());
        EXPECT_EQ(sectors.size() % 31, 0u) << "31 sector messages per rotation";
      } else {
        ASSERT_EQ(*v.message_type(), 2);
        EXPECT_DOUBLE_EQ(*v.sector_azimuth_deg(),
                         11.25 * static_cast<double>(sectors.size() % 31 + 1));
        sectors.push_back(*v.time_of_day_s());
      }
    }
    ASSERT_EQ(north.size(), run.scans[s].size()) << "one north marker per rotation";
    EXPECT_EQ(sectors.size(), 31 * north.size());
    for (std::size_t i = 0; i < north.size(); ++i) {
      EXPECT_WITHIN_HALF_LSB(
          std::abs(time_of_day_difference(north[i], seconds_of_day(run.scans[s][i].start))), 0.0,
          kTimeLsb);
      if (i > 0) {
        EXPECT_NEAR(time_of_day_difference(north[i], north[i - 1]), info.rotation_period_s,
                    kTimeLsb);
      }
    }
  }
}

TEST(AsterixFeedTest, BlocksGroupOneSectorOrWindowInTimeOrderWithinTheSizeLimit) {
  AsterixFeedOptions options;
  options.max_block_octets = 200;  // small, so that busy windows take several blocks
  const FeedRun run = simulate(test_scenario(), options);
  std::size_t split = 0;
  for (std::size_t s = 0; s < run.blocks.size(); ++s) {
    const Duration bias = from_seconds(run.scenario.sensors[s].biases.time_s);
    const auto& blocks = run.blocks[s];
    ASSERT_FALSE(blocks.empty());
    Time previous = Time::min();
    const asterix::EditionSelector editions;
    std::vector<asterix::RecordView> records;
    for (std::size_t b = 0; b < blocks.size(); ++b) {
      const TimedBlock& block = blocks[b];
      EXPECT_LE(block.octets.size(), 200u);
      EXPECT_EQ(block.octets.size(), std::size_t{block.octets[1]} << 8 | block.octets[2]);
      EXPECT_GE(block.time, previous) << "sent in time order";
      previous = block.time;
      if (b > 0 && blocks[b - 1].time == block.time && blocks[b - 1].category == block.category &&
          block.category != 34) {
        ++split;
      }
      if (block.category == 34) continue;
      ASSERT_FALSE(asterix::parse_block(block.octets, editions, 0, records));
      // Every report was measured in the sector (window) that ends when its block is sent.
      const double window_s =
          block.category == 21 ? 0.25 : run.scenario.sensors[s].info.rotation_period_s / 32;
      for (const auto& record : records) {
        const double tod = block.category == 21
                               ? *asterix::Cat021View(record).time_of_applicability_position_s()
                               : *asterix::Cat048View(record).time_of_day_s();
        const double age = time_of_day_difference(seconds_of_day(block.time + bias), tod);
        EXPECT_GE(age, -kTimeLsb);
        EXPECT_LE(age, window_s + kTimeLsb);
      }
    }
  }
  EXPECT_GT(split, 0u) << "a busy window fills more than one 200-octet block";
}

TEST(AsterixFeedTest, NoSimBitWhenAskedAndSameScansGiveSameOctets) {
  AsterixFeedOptions options;
  options.mark_simulated = false;
  const FeedRun a = simulate(test_scenario(), options);
  const FeedRun b = simulate(test_scenario(), options);
  for (std::size_t s = 0; s < a.blocks.size(); ++s) {
    ASSERT_EQ(a.blocks[s].size(), b.blocks[s].size());
    for (std::size_t i = 0; i < a.blocks[s].size(); ++i) {
      EXPECT_EQ(a.blocks[s][i].octets, b.blocks[s][i].octets);
      EXPECT_EQ(a.blocks[s][i].time, b.blocks[s][i].time);
    }
  }
  const DecodedRecords radar = decode(a.blocks[0], 48);
  ASSERT_FALSE(radar.records.empty());
  EXPECT_EQ(radar.records[0].item(20)[0] & 0x10u, 0u);
  const DecodedRecords adsb = decode(a.blocks[2], 21);
  ASSERT_FALSE(adsb.records.empty());
  EXPECT_FALSE(asterix::Cat021View(adsb.records[0]).target_report_descriptor()->simulated);
}

}  // namespace
}  // namespace straja::sim

namespace straja::sim {
namespace {

TEST(AsterixFeedTest, OutagesSendNothingAndClockJumpsDelayEveryStamp) {
  Scenario scenario = test_scenario();
  const double outage_start_s = 20.0;
  const double outage_end_s = 35.0;
  const double jump_at_s = 30.0;
  const double jump_s = 2.0;
  scenario.sensors[0].faults.outages = {{outage_start_s, outage_end_s}};
  scenario.sensors[1].faults.clock_jumps = {{jump_at_s, jump_s}};
  scenario.sensors[2].faults.clock_jumps = {{jump_at_s, jump_s}};
  const FeedRun run = simulate(scenario);
  const Time outage_start = scenario.start + from_seconds(outage_start_s);
  const Time outage_end = scenario.start + from_seconds(outage_end_s);
  const Time jump_at = scenario.start + from_seconds(jump_at_s);

  // The sensor in its outage: nothing sent after the outage starts until it ends, and some
  // before and after.
  std::size_t before = 0;
  std::size_t after = 0;
  for (const TimedBlock& block : run.blocks[0]) {
    EXPECT_FALSE(block.time > outage_start && block.time < outage_end)
        << "block sent " << to_seconds(block.time - scenario.start) << " s into the run";
    before += block.time <= outage_start ? 1u : 0u;
    after += block.time >= outage_end ? 1u : 0u;
  }
  EXPECT_GT(before, 0u);
  EXPECT_GT(after, 0u);

  // The radar with the clock jump: CAT034 stamps equal the send time before the jump and are
  // late by exactly the jump after it; every CAT048 record carries its plot's (late) stamp.
  const DecodedRecords messages = decode(run.blocks[1], 34);
  std::size_t late = 0;
  for (std::size_t i = 0; i < messages.records.size(); ++i) {
    const TimedBlock& block = run.blocks[1][messages.block_of[i]];
    const double expected = block.time >= jump_at ? jump_s : 0.0;
    late += block.time >= jump_at ? 1u : 0u;
    const asterix::Cat034View v(messages.records[i]);
    EXPECT_WITHIN_HALF_LSB(time_of_day_difference(*v.time_of_day_s(), seconds_of_day(block.time)),
                           expected, kTimeLsb);
  }
  EXPECT_GT(late, 0u);
  const DecodedRecords reports = decode(run.blocks[1], 48);
  ASSERT_EQ(reports.records.size(), run.plots[1].size());
  for (std::size_t i = 0; i < reports.records.size(); ++i) {
    const asterix::Cat048View v(reports.records[i]);
    EXPECT_WITHIN_HALF_LSB(
        std::abs(time_of_day_difference(*v.time_of_day_s(), seconds_of_day(run.plots[1][i].time))),
        0.0, kTimeLsb);
  }
  // ADS-B: the same for CAT021, and the records still leave when they did without the jump.
  const DecodedRecords adsb = decode(run.blocks[2], 21);
  ASSERT_EQ(adsb.records.size(), run.plots[2].size());
  for (std::size_t i = 0; i < adsb.records.size(); ++i) {
    const asterix::Cat021View v(adsb.records[i]);
    EXPECT_WITHIN_HALF_LSB(std::abs(time_of_day_difference(*v.time_of_applicability_position_s(),
                                                           seconds_of_day(run.plots[2][i].time))),
                           0.0, kTimeLsb);
  }
  const FeedRun fault_free = simulate(test_scenario());
  ASSERT_EQ(run.blocks[2].size(), fault_free.blocks[2].size());
  for (std::size_t i = 0; i < run.blocks[2].size(); ++i) {
    EXPECT_EQ(run.blocks[2][i].time, fault_free.blocks[2][i].time);
  }
}

}  // namespace
}  // namespace straja::sim
