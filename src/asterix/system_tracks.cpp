#include "asterix/system_tracks.h"

#include <bit>
#include <cmath>

#include "core/units.h"

namespace straja::asterix {
namespace {

double seconds_of_day(Time t) {
  return to_seconds(time_of_day(t));
}

std::optional<double> age_s(Time at, const std::optional<Time>& then) {
  if (!then) return std::nullopt;
  return std::max(0.0, to_seconds(at - *then));
}

double flight_level_of(double pressure_altitude_m) {
  return pressure_altitude_m / units::kFlightLevelM;
}

/// I062/500 from a track's local-ENU covariance: standard deviations east (X) and north (Y),
/// their covariance as a signed root, the height's and the horizontal velocity's deviations.
Cat062Accuracies accuracies_of(const Covariance6& p) {
  auto root = [](double variance) { return std::sqrt(std::max(0.0, variance)); };
  Cat062Accuracies a;
  a.position_x_m = root(p(0, 0));
  a.position_y_m = root(p(1, 1));
  a.xy_covariance_root_m = std::copysign(std::sqrt(std::abs(p(0, 1))), p(0, 1));
  a.geometric_altitude_ft = root(p(2, 2)) / units::kFootM;
  a.velocity_x_m_s = root(p(3, 3));
  a.velocity_y_m_s = root(p(4, 4));
  return a;
}

}  // namespace

void pack_blocks(const EncodedRecords& records, std::size_t max_octets,
                 std::vector<DataBlock>& blocks) {
  BlockBuilder builder(records.category, max_octets);
  std::size_t begin = 0;
  for (const std::size_t end : records.ends) {
    std::vector<std::uint8_t>& record = builder.record_buffer();
    record.assign(records.octets.begin() + static_cast<std::ptrdiff_t>(begin),
                  records.octets.begin() + static_cast<std::ptrdiff_t>(end));
    builder.commit(blocks);
    begin = end;
  }
  builder.flush(blocks);
}

std::uint8_t emergency_of(std::optional<Mode3A> code) {
  if (!code) return 0;
  switch (code->value & 07777u) {
    case 07500:
      return 5;
    case 07600:
      return 4;
    case 07700:
      return 1;
    default:
      return 0;
  }
}

SystemTrackEncoder::SystemTrackEncoder(SystemTrackSettings settings,
                                       const geo::LocalFrame& system_frame,
                                       const SensorRegistry& registry)
    : settings_(settings), system_frame_(system_frame) {
  for (const SensorInfo& sensor : registry.sensors) sensor_sources_.push_back(sensor.sac_sic);
}

Cat062Track SystemTrackEncoder::to_cat062(const TrackReport& r, Time at, bool first) const {
  Cat062Track t;
  t.data_source = settings_.sdps;
  t.service_identification = settings_.service;
  t.time_of_track_s = seconds_of_day(at);
  t.latitude_deg = r.position.lat_deg;
  t.longitude_deg = r.position.lon_deg;
  const geo::Vec3 enu = system_frame_.to_enu(r.position);
  t.x_m = enu.x();
  t.y_m = enu.y();
  t.vx_m_s = r.velocity_enu_mps.x();
  t.vy_m_s = r.velocity_enu_mps.y();
  if (r.mode3a) t.mode_3a = Cat062Mode3A{r.mode3a->value};
  t.target_address = r.icao;
  t.target_identification = r.callsign;
  // Track numbers beyond 65535 wrap (a 16-bit item).
  t.track_number = static_cast<std::uint16_t>(r.id.value);

  const TrackUpdates& u = r.updates;
  auto used = [&](UpdateTechnology technology) {
    return u.last_by_technology[static_cast<std::size_t>(technology)].has_value();
  };
  const bool primary = used(UpdateTechnology::kPsr);
  const bool cooperative = used(UpdateTechnology::kSsr) || used(UpdateTechnology::kModeS) ||
                           used(UpdateTechnology::kAdsb);
  Cat062Status& s = t.status;
  // One sensor, or one partner system alone.
  s.monosensor = static_cast<std::size_t>(std::popcount(u.sensors)) + r.partners.size() == 1;
  s.most_reliable_height_geometric = true;  // the tracker's vertical channel is geometric height
  s.altitude_source = primary ? 2 : used(UpdateTechnology::kAdsb) ? 1 : 0;  // 3D radar, GNSS
  s.tentative = r.status == TrackStatus::kTentative;
  s.simulated = settings_.simulated;
  s.first_message = first;
  s.coasting = r.status == TrackStatus::kCoasting;
  s.surveillance_sources = primary && cooperative ? 0 : primary ? 2 : cooperative ? 1 : 0;
  s.emergency = emergency_of(r.mode3a);

  if (primary || cooperative) {  // a tracker that keeps the history (TrackUpdates)
    t.update_ages =
        Cat062UpdateAges{age_s(at, u.first_seen), age_s(at, u.last_by_technology[0]),
                         age_s(at, u.last_by_technology[1]), age_s(at, u.last_by_technology[2]),
                         age_s(at, u.last_by_technology[3])};
  }
  if (u.barometric_alt_m) t.measured_flight_level = flight_level_of(*u.barometric_alt_m);
  t.geometric_altitude_ft = r.position.height_m / units::kFootM;
  if (const auto& p = r.covariance_enu) t.accuracies = accuracies_of(*p);
  if (const auto& plot = u.last_radar_plot) {
    Cat062MeasuredInformation m;
    if (plot->sensor.value < sensor_sources_.size()) {
      m.sensor = sensor_sources_[plot->sensor.value];
    }
    if (measured(plot->range_m) && measured(plot->azimuth_rad)) {
      m.position = PolarPosition{plot->range_m / units::kNauticalMileM,
                                 units::rad_to_deg(plot->azimuth_rad)};
    }
    if (plot->kind == SensorKind::kPsr3d && measured(plot->geo_alt_m)) {
      m.height_ft = plot->geo_alt_m / units::kFootM;
    }
    if (plot->kind == SensorKind::kSsr && measured(plot->alt_m) &&
        plot->alt_kind == AltitudeKind::kBarometric) {
      m.mode_c = FlightLevelReply{false, false, flight_level_of(plot->alt_m)};
    }
    if (plot->mode3a) m.mode_3a = Mode3AReply{false, false, false, plot->mode3a->value};
    const std::uint8_t type = plot->kind == SensorKind::kPsr3d ? 1 : plot->has_icao ? 5 : 2;
    m.report_type = Cat062ReportType{type, settings_.simulated};
    t.measured = m;
  }
  return t;
}

void SystemTrackEncoder::encode(std::span<const TrackReport> reports, Time at,
                                EncodedRecords& tracks, EncodedRecords& status) {
  tracks.clear();
  tracks.category = 62;
  for (const TrackReport& report : reports) {
    const bool first = sent_.insert(report.id.value).second;
    append_cat062_record(to_cat062(report, at, first), tracks.octets, settings_.edition);
    tracks.ends.push_back(tracks.octets.size());
  }
  status.clear();
  status.category = 65;
  Cat065Message end_of_batch;
  end_of_batch.data_source = settings_.sdps;
  end_of_batch.message_type = 2;
  end_of_batch.service_identification = settings_.service;
  end_of_batch.time_of_message_s = seconds_of_day(at);
  end_of_batch.batch_number = batch_++;
  append_cat065_record(end_of_batch, status.octets);
  status.ends.push_back(status.octets.size());
}

}  // namespace straja::asterix
