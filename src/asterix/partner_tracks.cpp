#include "asterix/partner_tracks.h"

#include <algorithm>
#include <cmath>

#include "asterix/typed.h"
#include "core/units.h"

namespace straja::asterix {

std::optional<PartnerTrack> PartnerTrackExtractor::extract(const RecordView& record,
                                                           std::optional<SacSic> source) {
  if (record.edition.category() != 62) return std::nullopt;
  ++counts_.records;
  const Cat062View view(record);
  const auto sdps = view.data_source() ? view.data_source() : source;
  const auto time_of_day_s = view.time_of_track_s();
  const auto number = view.track_number();
  const auto lat = view.latitude_deg();
  const auto lon = view.longitude_deg();
  if (!sdps || !time_of_day_s || !number || !lat || !lon) {
    ++counts_.malformed;
    return std::nullopt;
  }
  PartnerTrack track;
  track.key = {*sdps, *number};
  const Duration since_midnight = from_seconds(*time_of_day_s);
  last_ = last_ ? resolve_time_of_day(since_midnight, *last_) : on_date(date_, since_midnight);
  track.time = *last_;

  PartnerHeightSource height_source = PartnerHeightSource::kNone;
  double height_m = 0.0;
  if (const auto ft = view.geometric_altitude_ft()) {
    height_source = PartnerHeightSource::kGeometric;
    height_m = *ft * units::kFootM;
  } else if (const auto fl = view.measured_flight_level()) {
    height_source = PartnerHeightSource::kFlightLevel;
    height_m = *fl * units::kFlightLevelM;
  }
  track.position = {*lat, *lon, height_m};
  if (const auto vx = view.vx_m_s(), vy = view.vy_m_s(); vx && vy) {
    track.velocity_enu_mps = geo::Vec3(*vx, *vy, 0.0);
  }

  const auto listed = defaults_by_source_.find(sdps->packed());
  const PartnerAccuracyDefaults& defaults =
      listed != defaults_by_source_.end() ? listed->second : defaults_;
  const auto apc = view.position_accuracy_m();
  const auto atv = view.velocity_accuracy_m_s();
  const auto aga_ft = view.geometric_altitude_accuracy_ft();
  track.accuracy_reported = apc.has_value();
  track.covariance_enu =
      partner_covariance(apc ? std::optional(apc->first) : std::nullopt,
                         apc ? std::optional(apc->second) : std::nullopt,
                         apc ? view.position_covariance_root_m() : std::nullopt,
                         aga_ft ? std::optional(*aga_ft * units::kFootM) : std::nullopt,
                         atv ? std::optional(atv->first) : std::nullopt,
                         atv ? std::optional(atv->second) : std::nullopt, height_source, defaults);

  if (const auto status = view.track_status()) {
    track.status = status->tentative                  ? TrackStatus::kTentative
                   : status->coasting.value_or(false) ? TrackStatus::kCoasting
                                                      : TrackStatus::kConfirmed;
    track.last_message = status->last_message.value_or(false);
  }
  track.icao = view.target_address();
  if (const auto id = view.target_identification()) track.callsign = std::string(id->view());
  if (const auto reply = view.mode_3a(); reply && !reply->not_validated && !reply->garbled) {
    track.mode3a = Mode3A{reply->code};
  }
  ++counts_.tracks;
  return track;
}

}  // namespace straja::asterix
