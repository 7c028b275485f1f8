#include "cli/picture_feed.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/quantile.h"
#include "server/track_json.h"

namespace straja::cli {
namespace {

constexpr Duration kRateWindow = std::chrono::seconds(10);
constexpr std::size_t kLatencySamples = 512;
// A sensor is "silent" after max(3 periods, 10 s) without data, "down" after 60 s.
constexpr double kSilentAfterMinS = 10.0;
constexpr double kDownAfterS = 60.0;
// A track's `sensors` are those that updated it within max(3 of their periods, 5 s).
constexpr double kRecentUpdatePeriods = 3.0;
constexpr double kRecentUpdateMinS = 5.0;
constexpr int kShownFromHits = 2;
// TrackReport::mode_probabilities' motions, by index.
constexpr std::array<const char*, 3> kImmModeNames = {"cv", "ct", "ca"};

}  // namespace

PictureFeed::PictureFeed(SensorRegistry registry, std::vector<double> periods, std::string source,
                         std::optional<std::string> scenario, geo::Geodetic reference,
                         std::uint64_t inputs)
    : registry_(std::move(registry)),
      periods_(std::move(periods)),
      source_(std::move(source)),
      scenario_(std::move(scenario)),
      reference_(reference),
      inputs_(inputs),
      activity_(registry_.sensors.size()) {
  periods_.resize(registry_.sensors.size(), 0.0);
}

void PictureFeed::plots_received(std::span<const Plot> plots, SensorIndex sensor, Time at) {
  plots_total_ += plots.size();
  if (sensor.value < activity_.size() && !plots.empty()) {
    SensorActivity& activity = activity_[sensor.value];
    activity.last = at;
    activity.recent.emplace_back(at, plots.size());
    while (!activity.recent.empty() && at - activity.recent.front().first > kRateWindow) {
      activity.recent.pop_front();
    }
  }
  if (!plots.empty() && !first_plot_time_) first_plot_time_ = plots.front().time;
  for (const Plot& plot : plots) {
    if (plot.alt_kind != AltitudeKind::kBarometric || !measured(plot.alt_m)) continue;
    if (plot.icao) baro_by_icao_[plot.icao->value] = plot.alt_m;
    if (plot.mode3a) baro_by_mode3a_[plot.mode3a->value] = plot.alt_m;
  }
}

void PictureFeed::latency(double ms) {
  latencies_ms_.push_back(ms);
  if (latencies_ms_.size() > kLatencySamples) latencies_ms_.pop_front();
}

void PictureFeed::restart() {
  activity_.assign(registry_.sensors.size(), SensorActivity{});
  first_plot_time_.reset();
  baro_by_icao_.clear();
  baro_by_mode3a_.clear();
}

server::TrackExtras PictureFeed::extras(const TrackFacts& track, Time at) const {
  server::TrackExtras extras;
  for (std::size_t s = 0; s < registry_.sensors.size() && s < 64; ++s) {
    if ((track.updated_by >> s & 1u) == 0) continue;
    const SensorInfo& info = registry_.sensors[s];
    if (info.kind != SensorKind::kPsr3d) extras.cooperative = true;
    if (info.kind == SensorKind::kAdsb) extras.adsb = true;
    const double recent_s = std::max(kRecentUpdatePeriods * periods_[s], kRecentUpdateMinS);
    if (s < track.updated_at.size() && track.updated_at[s] != Time{} &&
        to_seconds(at - track.updated_at[s]) <= recent_s) {
      extras.sensors.push_back(info.id);
    }
  }
  std::optional<double> baro_m;
  if (track.icao) {
    if (const auto it = baro_by_icao_.find(track.icao->value); it != baro_by_icao_.end()) {
      baro_m = it->second;
    }
  }
  if (!baro_m && track.mode3a) {
    if (const auto it = baro_by_mode3a_.find(track.mode3a->value); it != baro_by_mode3a_.end()) {
      baro_m = it->second;
    }
  }
  if (baro_m) extras.flight_level = static_cast<int>(std::lround(*baro_m / 0.3048 / 100.0));
  return extras;
}

void PictureFeed::service_report(SensorIndex sensor, Time at,
                                 const std::optional<asterix::Cat034SystemStatus>& status) {
  if (sensor.value >= activity_.size()) return;
  SensorActivity& activity = activity_[sensor.value];
  if (!activity.last_service || at > *activity.last_service) activity.last_service = at;
  if (status) activity.status = status;
}

server::Picture PictureFeed::picture_of(Time at, std::span<const TrackFacts> tracks,
                                        std::span<const TrackReport> reports,
                                        std::optional<server::ReplayState> replay) const {
  server::Picture picture;
  picture.time = at;
  picture.reference_lat_deg = reference_.lat_deg;
  picture.reference_lon_deg = reference_.lon_deg;
  picture.tracks.reserve(reports.size());
  for (std::size_t i = 0; i < reports.size(); ++i) {
    // A tentative track is shown from its second plot on: before that it has no measured
    // velocity (it would show 0 kt), and most such one-plot tracks are false alarms.
    if (i < tracks.size() && tracks[i].status == TrackStatus::kTentative &&
        tracks[i].hits < kShownFromHits) {
      continue;
    }
    server::TrackExtras extras =
        i < tracks.size() ? this->extras(tracks[i], at) : server::TrackExtras{};
    for (std::size_t m = 0; m < kImmModeNames.size(); ++m) {
      const double p = reports[i].mode_probabilities[m];
      if (!std::isnan(p)) extras.imm.emplace_back(kImmModeNames[m], p);
    }
    picture.tracks.push_back(server::picture_track(reports[i], extras));
  }
  double plots_per_s = 0.0;
  for (std::size_t s = 0; s < registry_.sensors.size(); ++s) {
    const SensorInfo& info = registry_.sensors[s];
    const SensorActivity& activity = activity_[s];
    server::SensorStatus status;
    status.id = info.id;
    status.kind = std::string(to_string(info.kind));
    status.sac = info.sac_sic.sac;
    status.sic = info.sac_sic.sic;
    status.lat_deg = info.site.lat_deg;
    status.lon_deg = info.site.lon_deg;
    status.height_m = info.site.height_m;
    status.max_range_m = info.max_range_m;
    std::size_t recent = 0;
    for (const auto& [time, count] : activity.recent) {
      if (at - time <= kRateWindow) recent += count;
    }
    status.plots_per_s = static_cast<double>(recent) / to_seconds(kRateWindow);
    plots_per_s += status.plots_per_s;
    const double silent_after = std::max(3.0 * periods_[s], kSilentAfterMinS);
    // Heard: a plot or a service message (a radar with no traffic still sends north markers).
    std::optional<Time> heard = activity.last;
    if (activity.last_service && (!heard || *activity.last_service > *heard)) {
      heard = activity.last_service;
    }
    if (heard) {
      const double age = std::max(0.0, to_seconds(at - *heard));
      status.last_data_age_s = age;
      status.health = age <= silent_after  ? server::SensorHealth::kOk
                      : age <= kDownAfterS ? server::SensorHealth::kSilent
                                           : server::SensorHealth::kDown;
      if (status.health != server::SensorHealth::kOk) {
        status.status_reason = "no data for " + std::to_string(std::lround(age)) + " s";
      }
    } else {
      const bool long_enough = first_plot_time_ && to_seconds(at - *first_plot_time_) > kDownAfterS;
      status.health = long_enough ? server::SensorHealth::kDown : server::SensorHealth::kSilent;
      status.status_reason = "never reported";
    }
    // What the radar says about itself, while it is heard.
    if (activity.status && status.health == server::SensorHealth::kOk) {
      const asterix::Cat034SystemStatus& said = *activity.status;
      if (said.operational_use_inhibited) {
        status.health = server::SensorHealth::kDown;
        status.status_reason = "operational use inhibited (CAT034 NOGO): its plots are discarded";
      } else {
        std::string faults;
        const auto add = [&](bool on, const char* what) {
          if (!on) return;
          if (!faults.empty()) faults += ", ";
          faults += what;
        };
        add(said.processor_overload, "processor overload");
        add(said.transmission_overload, "transmission overload");
        add(said.monitoring_disconnected, "monitoring disconnected");
        add(said.time_source_invalid, "time source invalid");
        if (!faults.empty()) {
          status.health = server::SensorHealth::kDegraded;
          status.status_reason = faults + " (CAT034)";
        }
      }
    }
    picture.sensors.push_back(std::move(status));
  }
  server::PictureStats& stats = picture.stats;
  stats.source = source_;
  stats.scenario = scenario_;
  stats.inputs = inputs_;
  stats.plots_total = plots_total_;
  stats.plots_per_s = plots_per_s;
  if (!latencies_ms_.empty()) {
    const std::vector<double> values(latencies_ms_.begin(), latencies_ms_.end());
    stats.latency_p50_ms = nearest_rank_quantile(values, 0.5);
    stats.latency_p99_ms = nearest_rank_quantile(values, 0.99);
  }
  stats.dropped = dropped_;
  stats.out_of_sequence = out_of_sequence_;
  stats.errors = errors_;
  stats.replay = replay;
  return picture;
}

}  // namespace straja::cli
