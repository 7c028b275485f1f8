#include "simulation/asterix_feed.h"

#include <algorithm>
#include <cmath>

#include "asterix/system_tracks.h"
#include "asterix/typed_writer.h"
#include "core/units.h"
#include "geo/radar.h"

namespace straja::sim {
namespace {

double seconds_of_day(Time t) {
  return to_seconds(time_of_day(t));
}

/// Moves the closed blocks of `builder` output into `out`, sent at true time `time`, or at the
/// start of the sensor's outage when `time` falls inside one.
void emit(std::vector<asterix::DataBlock>& blocks, Time time, const SensorFaultModel& clock,
          SensorIndex sensor, std::uint8_t category, std::vector<TimedBlock>& out) {
  const Time sent = clock.outage_start(time).value_or(time);
  for (asterix::DataBlock& block : blocks) {
    out.push_back(TimedBlock{sent, sensor, category, block.records, std::move(block.octets)});
  }
  blocks.clear();
}

}  // namespace

AsterixFeed::AsterixFeed(const Scenario& scenario, AsterixFeedOptions options)
    : options_(options), geoid_height_m_(scenario.environment.atmosphere.geoid_height_m) {
  options_.sectors_per_rotation = std::clamp(options_.sectors_per_rotation, 1, 256);
  options_.max_block_octets = std::clamp<std::size_t>(options_.max_block_octets, 128, 65535);
  if (!(options_.adsb_window_s > 0.0)) options_.adsb_window_s = 0.25;
  const SensorRegistry registry = scenario.registry();
  for (std::size_t i = 0; i < scenario.sensors.size(); ++i) {
    SensorState state;
    state.info = registry.sensors.at(i);
    state.clock = SensorFaultModel(scenario.sensors[i].biases.time_s, scenario.sensors[i].faults,
                                   scenario.start);
    state.earth_radius = geo::NormalSectionRadius(state.info.site.lat_deg);
    sensors_.push_back(std::move(state));
  }
}

double AsterixFeed::height_3d_msl_m(const SensorInfo& sensor, double geoid_height_m, double range_m,
                                    double azimuth_rad, double elevation_rad) {
  return height_3d_msl_m(sensor, geo::NormalSectionRadius(sensor.site.lat_deg), geoid_height_m,
                         range_m, azimuth_rad, elevation_rad);
}

double AsterixFeed::height_3d_msl_m(const SensorInfo& sensor,
                                    const geo::NormalSectionRadius& radius, double geoid_height_m,
                                    double range_m, double azimuth_rad, double elevation_rad) {
  const double k = sensor.four_thirds_earth ? geo::kFourThirds : 1.0;
  const double earth_m = k * radius.at(azimuth_rad);
  const double horizontal_m = range_m * std::cos(elevation_rad);
  const double vertical_m = earth_m + sensor.site.height_m + range_m * std::sin(elevation_rad);
  // Both terms are metres to thousands of kilometres: sqrt(x^2 + y^2) needs no hypot.
  const double height_m =
      std::sqrt(horizontal_m * horizontal_m + vertical_m * vertical_m) - earth_m;
  return height_m - geoid_height_m;
}

void AsterixFeed::encode(const SensorScan& scan, std::vector<TimedBlock>& out) {
  SensorState& sensor = sensors_.at(scan.sensor.value);
  if (sensor.info.kind == SensorKind::kAdsb) {
    encode_adsb(scan, sensor, out);
  } else {
    encode_radar(scan, sensor, out);
  }
}

void AsterixFeed::encode_radar(const SensorScan& scan, SensorState& sensor,
                               std::vector<TimedBlock>& out) {
  const SensorInfo& info = sensor.info;
  const int sectors = options_.sectors_per_rotation;
  const SensorFaultModel& clock = sensor.clock;
  const double period_s = to_seconds(scan.true_end - scan.true_start);
  asterix::Cat034Message message;
  message.data_source = info.sac_sic;
  std::vector<std::uint8_t> octets;
  auto send_cat034 = [&](Time true_time) {
    if (clock.down_at(true_time)) return;
    octets.assign({34, 0, 0});
    message.time_of_day_s = seconds_of_day(clock.stamp(true_time));
    asterix::append_cat034_record(message, octets);
    octets[1] = static_cast<std::uint8_t>(octets.size() >> 8);
    octets[2] = static_cast<std::uint8_t>(octets.size());
    out.push_back(TimedBlock{true_time, scan.sensor, 34, 1, octets});
  };

  // North marker: the antenna points north at the scan's start.
  message.message_type = 1;
  message.antenna_rotation_period_s = info.rotation_period_s;
  message.status =
      asterix::Cat034Sensors{info.kind == SensorKind::kPsr3d, info.kind == SensorKind::kSsr,
                             info.kind == SensorKind::kSsr};
  message.source_position =
      asterix::Cat034SourcePosition{info.site.height_m, info.site.lat_deg, info.site.lon_deg};
  send_cat034(scan.true_start);
  message.message_type = 2;
  message.antenna_rotation_period_s.reset();
  message.status.reset();
  message.source_position.reset();

  // Each sector's reports go out as the antenna leaves it, then the crossing into the next.
  // Boundaries are true times; plots (on the sensor's clock) are compared with their stamps.
  asterix::BlockBuilder builder(48, options_.max_block_octets);
  std::vector<asterix::DataBlock> blocks;
  auto plot = scan.plots.begin();
  for (int k = 0; k < sectors; ++k) {
    const Time boundary = k + 1 == sectors
                              ? scan.true_end
                              : scan.true_start + from_seconds(period_s * (k + 1) / sectors);
    const Time boundary_stamp = clock.stamp(boundary);
    for (; plot != scan.plots.end() && (plot->time < boundary_stamp || k + 1 == sectors); ++plot) {
      append_cat048(*plot, sensor, builder.record_buffer());
      builder.commit(blocks);
    }
    builder.flush(blocks);
    emit(blocks, boundary, clock, scan.sensor, 48, out);
    if (k + 1 < sectors) {
      message.sector_azimuth_deg = 360.0 * (k + 1) / sectors;
      send_cat034(boundary);
    }
  }
}

void AsterixFeed::encode_adsb(const SensorScan& scan, SensorState& sensor,
                              std::vector<TimedBlock>& out) {
  asterix::BlockBuilder builder(21, options_.max_block_octets);
  std::vector<asterix::DataBlock> blocks;
  const Duration window = from_seconds(options_.adsb_window_s);
  auto plot = scan.plots.begin();
  for (Time window_end = scan.true_start + window; plot != scan.plots.end(); window_end += window) {
    if (window_end >= scan.true_end) window_end = scan.true_end;
    const Time window_end_stamp = sensor.clock.stamp(window_end);
    for (;
         plot != scan.plots.end() && (plot->time < window_end_stamp || window_end == scan.true_end);
         ++plot) {
      append_cat021(*plot, sensor, builder.record_buffer());
      builder.commit(blocks);
    }
    builder.flush(blocks);
    emit(blocks, window_end, sensor.clock, scan.sensor, 21, out);
  }
}

void AsterixFeed::append_cat048(const Plot& plot, const SensorState& sensor,
                                std::vector<std::uint8_t>& out) {
  asterix::Cat048Report report;
  report.data_source = sensor.info.sac_sic;
  report.time_of_day_s = seconds_of_day(plot.time);
  report.simulated = options_.mark_simulated;
  if (measured(plot.range_m) && measured(plot.azimuth_rad)) {
    report.measured_position = asterix::PolarPosition{plot.range_m / units::kNauticalMileM,
                                                      units::rad_to_deg(plot.azimuth_rad)};
  }
  if (plot.kind == SensorKind::kPsr3d) {
    report.detection_type = 1;  // single PSR detection
    if (measured(plot.range_m) && measured(plot.elevation_rad)) {
      report.height_3d_ft = height_3d_msl_m(sensor.info, sensor.earth_radius, geoid_height_m_,
                                            plot.range_m, plot.azimuth_rad, plot.elevation_rad) /
                            units::kFootM;
    }
  } else {
    const bool mode_s = plot.icao.has_value();
    report.detection_type = mode_s ? 5 : 2;  // single Mode S roll-call, or single SSR detection
    if (plot.mode3a) report.mode_3a = asterix::Mode3AReply{false, false, false, plot.mode3a->value};
    if (measured(plot.alt_m)) {
      report.flight_level =
          asterix::FlightLevelReply{false, false, plot.alt_m / units::kFlightLevelM};
    }
    if (mode_s) {
      report.aircraft_address = plot.icao;
      report.aircraft_identification = plot.callsign;
      asterix::Cat048Capability capability;
      capability.com = 1;                                                    // Comm-A and Comm-B
      capability.stat = plot.mode3a && plot.mode3a->is_emergency() ? 2 : 0;  // alert, airborne
      capability.mode_s_specific_service = true;
      capability.altitude_25ft = true;
      capability.identification_capable = !plot.callsign.empty();
      report.capability = capability;
    }
  }
  asterix::append_cat048_record(report, out);
}

void AsterixFeed::append_cat021(const Plot& plot, SensorState& sensor,
                                std::vector<std::uint8_t>& out) {
  asterix::Cat021Report report;
  report.data_source = sensor.info.sac_sic;
  report.descriptor.address_type = 0;                   // 24-bit ICAO address
  report.descriptor.altitude_reporting_capability = 0;  // 25 ft
  if (options_.mark_simulated) report.descriptor.simulated = true;
  const double time_s = seconds_of_day(plot.time);
  report.time_of_applicability_position_s = time_s;
  report.time_of_message_reception_position_s = time_s;
  if (measured(plot.lat_deg) && measured(plot.lon_deg)) {
    report.latitude_deg = plot.lat_deg;
    report.longitude_deg = plot.lon_deg;
  }
  if (plot.icao) {
    report.target_address = plot.icao;
    auto [it, added] = sensor.track_numbers.try_emplace(plot.icao->value, sensor.next_track_number);
    if (added) sensor.next_track_number = sensor.next_track_number % 4095 + 1;  // 1..4095
    report.track_number = it->second;
  }
  if (measured(plot.geo_alt_m)) report.geometric_height_ft = plot.geo_alt_m / units::kFootM;
  if (plot.nacp) report.quality = asterix::Cat021Quality{0, 0, false, 0, *plot.nacp};
  report.mops_version = asterix::MopsVersion{false, 2, 2};  // ED-102A/DO-260B, 1090 ES
  if (plot.mode3a) report.mode_3a = plot.mode3a->value;
  if (measured(plot.alt_m)) report.flight_level = plot.alt_m / units::kFlightLevelM;
  asterix::Cat021TargetStatus status;
  status.priority_status = asterix::emergency_of(plot.mode3a);       // I021/200 PS, the same codes
  status.surveillance_status = status.priority_status != 0 ? 1 : 0;  // permanent alert
  status.military_emergency = false;
  report.target_status = status;
  if (measured(plot.vel_east_mps) && measured(plot.vel_north_mps)) {
    report.time_of_applicability_velocity_s = time_s;
    report.ground_speed_kt = std::hypot(plot.vel_east_mps, plot.vel_north_mps) / units::kKnotMps;
    report.track_angle_deg =
        units::rad_to_deg(units::wrap_two_pi(std::atan2(plot.vel_east_mps, plot.vel_north_mps)));
  }
  if (measured(plot.vel_up_mps)) {
    report.geometric_vertical_rate_ft_min = plot.vel_up_mps / units::kFeetPerMinuteMps;
  }
  report.target_identification = plot.callsign;
  asterix::append_cat021_record(report, out);
}

}  // namespace straja::sim
