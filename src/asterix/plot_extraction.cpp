#include "asterix/plot_extraction.h"

#include <cmath>

#include "asterix/typed.h"
#include "core/units.h"

namespace straja::asterix {
namespace {

constexpr double kMetresPerNm = 1852.0;
constexpr double kMetresPerFoot = 0.3048;

std::optional<Mode3A> usable_code(const std::optional<Mode3AReply>& reply) {
  if (!reply || reply->not_validated || reply->garbled) return std::nullopt;
  return Mode3A{reply->code};
}

/// A monoradar report (CAT001, CAT048) as an ssr-kind plot: slant range and azimuth, and the
/// reported flight level as a pressure altitude when given, validated and not garbled (V and G
/// of I001/090, I048/090).
void set_radar_measurement(Plot& plot, const PolarPosition& position,
                           const std::optional<FlightLevelReply>& level) {
  plot.kind = SensorKind::kSsr;
  plot.range_m = position.range_nm * kMetresPerNm;
  plot.azimuth_rad = units::deg_to_rad(position.azimuth_deg);
  if (level && !level->not_validated && !level->garbled) {
    plot.alt_m = level->flight_level * 100.0 * kMetresPerFoot;
    plot.alt_kind = AltitudeKind::kBarometric;
  }
}

}  // namespace

Time PlotExtractor::resolve(double time_of_day_s) {
  const Duration since_midnight = from_seconds(time_of_day_s);
  last_ = last_ ? resolve_time_of_day(since_midnight, *last_) : on_date(date_, since_midnight);
  return *last_;
}

std::optional<SourcedPlot> PlotExtractor::extract(const RecordView& record,
                                                  std::optional<SacSic> source) {
  ++counts_.records;
  const int category = record.edition.category();
  if (category == 34) {
    const Cat034View view(record);
    service_message(view.data_source() ? view.data_source() : source, view.time_of_day_s(),
                    view.antenna_rotation_period_s(), view.system_status());
    ++counts_.other;
    return std::nullopt;
  }
  if (category == 2) {
    const Cat002View view(record);
    service_message(view.data_source() ? view.data_source() : source, view.time_of_day_s(),
                    view.antenna_rotation_period_s(), std::nullopt);
    ++counts_.other;
    return std::nullopt;
  }
  if (category != 48 && category != 21 && category != 1) {
    ++counts_.other;
    return std::nullopt;
  }
  if (!source) {
    ++counts_.without_source;
    return std::nullopt;
  }
  if (category == 1) return cat001_plot(record, *source);
  SourcedPlot out;
  out.source = *source;
  Plot& plot = out.plot;
  if (category == 48) {
    const Cat048View view(record);
    const auto time = view.time_of_day_s();
    if (!time) {
      ++counts_.without_time;
      return std::nullopt;
    }
    const auto position = view.measured_position();
    if (!position) {
      ++counts_.without_position;
      return std::nullopt;
    }
    plot.time = resolve(*time);
    const auto type = view.detection_type();
    const bool secondary = !type || *type >= 2;
    set_radar_measurement(plot, *position, secondary ? view.flight_level() : std::nullopt);
    // A 3D radar's measured height (I110, above mean sea level) as the geometric height.
    if (const auto height = view.height_3d_ft()) plot.geo_alt_m = *height * kMetresPerFoot;
    plot.mode3a = usable_code(view.mode_3a());
    plot.icao = view.aircraft_address();
    if (const auto callsign = view.aircraft_identification())
      plot.callsign = std::string(callsign->view());
  } else {
    const Cat021View view(record);
    std::optional<double> time = view.time_of_message_reception_position_s();
    if (!time) time = view.time_of_applicability_position_s();
    if (!time) time = view.time_of_report_transmission_s();
    if (!time) {
      ++counts_.without_time;
      return std::nullopt;
    }
    const auto lat = view.latitude_deg();
    const auto lon = view.longitude_deg();
    if (!lat || !lon) {
      ++counts_.without_position;
      return std::nullopt;
    }
    plot.time = resolve(*time);
    plot.kind = SensorKind::kAdsb;
    plot.lat_deg = *lat;
    plot.lon_deg = *lon;
    if (const auto level = view.flight_level()) {
      plot.alt_m = *level * 100.0 * kMetresPerFoot;
      plot.alt_kind = AltitudeKind::kBarometric;
    }
    if (const auto height = view.geometric_height_ft()) {
      plot.geo_alt_m = *height * kMetresPerFoot;
      if (!measured(plot.alt_m)) {
        plot.alt_m = plot.geo_alt_m;
        plot.alt_kind = AltitudeKind::kGeometric;
      }
    }
    // I160 ground vector (speed over ground and true track) and I157 / I155 vertical rate.
    const auto speed_kt = view.ground_speed_kt();
    const auto track_deg = view.track_angle_deg();
    if (speed_kt && track_deg && !view.ground_vector_range_exceeded().value_or(false)) {
      const double speed_mps = *speed_kt * units::kKnotMps;
      plot.vel_east_mps = speed_mps * std::sin(*track_deg * units::kDegToRad);
      plot.vel_north_mps = speed_mps * std::cos(*track_deg * units::kDegToRad);
      auto rate = view.geometric_vertical_rate_ft_min();
      if (!rate) rate = view.barometric_vertical_rate_ft_min();
      if (rate && !rate->range_exceeded) plot.vel_up_mps = rate->value * kMetresPerFoot / 60.0;
    }
    plot.mode3a = usable_code(view.mode_3a());
    plot.icao = view.target_address();
    if (const auto callsign = view.target_identification())
      plot.callsign = std::string(callsign->view());
  }
  ++counts_.plots;
  return out;
}

void PlotExtractor::service_message(std::optional<SacSic> source,
                                    std::optional<double> time_of_day_s,
                                    std::optional<double> rotation_period_s,
                                    std::optional<Cat034SystemStatus> status) {
  if (!source) return;
  if (rotation_period_s && *rotation_period_s > 0) {
    rotation_periods_[source->packed()] = *rotation_period_s;
  }
  ServiceReport& report = services_[source->packed()];
  ++report.messages;
  if (time_of_day_s) report.time = resolve(*time_of_day_s);
  if (status) report.status = status;
}

std::optional<SourcedPlot> PlotExtractor::cat001_plot(const RecordView& record, SacSic source) {
  const Cat001View view(record);
  const auto descriptor = view.descriptor();
  // A monoradar track report (TYP 1) carries the measured position of its last plot in I040,
  // as a plot does: both are taken (many CAT001 stations send tracks only).
  const bool track_report = descriptor && descriptor->track;
  // The truncated time made whole near the station's last service message, else near the last
  // time resolved from any record.
  const auto truncated = view.truncated_time_of_day_s();
  const auto service = services_.find(source.packed());
  const std::optional<Time> reference =
      service != services_.end() && service->second.time != Time{} ? service->second.time : last_;
  if (!truncated || !reference) {
    ++counts_.without_time;
    return std::nullopt;
  }
  const auto position = view.measured_position();
  if (!position) {
    ++counts_.without_position;
    return std::nullopt;
  }
  SourcedPlot out;
  out.source = source;
  Plot& plot = out.plot;
  plot.time = resolve_truncated_time_of_day(from_seconds(*truncated), *reference);
  last_ = plot.time;
  const bool secondary = !descriptor || descriptor->detection >= 2;
  set_radar_measurement(plot, *position, secondary ? view.flight_level() : std::nullopt);
  if (secondary) plot.mode3a = usable_code(view.mode_3a());
  ++counts_.plots;
  if (track_report) ++counts_.tracks;
  return out;
}

}  // namespace straja::asterix
