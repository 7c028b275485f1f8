#include "evaluation/efficiency.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

#include "core/units.h"
#include "evaluation/pcrlb.h"
#include "io/csv_reader.h"

namespace straja::evaluation {
namespace {

/// A target's true positions at the scoring times, interpolated in between.
class TruthPath {
 public:
  void add(double t, const Eigen::Vector3d& p) { points_.emplace_back(t, p); }
  bool empty() const { return points_.empty(); }
  double begin() const { return points_.front().first; }
  double end() const { return points_.back().first; }
  Eigen::Vector3d at(double t) const {
    const auto after = std::lower_bound(points_.begin(), points_.end(), t,
                                        [](const auto& p, double v) { return p.first < v; });
    if (after == points_.begin()) return points_.front().second;
    if (after == points_.end()) return points_.back().second;
    const auto before = after - 1;
    const double w = (t - before->first) / (after->first - before->first);
    return before->second + w * (after->second - before->second);
  }

 private:
  std::vector<std::pair<double, Eigen::Vector3d>> points_;
};

/// One sensor in the evaluation frame: site, rotation into its own ENU frame, noise.
struct SensorGeometry {
  const io::SensorsFileEntry* entry = nullptr;
  Eigen::Vector3d site;      ///< evaluation ENU
  Eigen::Matrix3d to_local;  ///< evaluation ENU vector -> the sensor's ENU vector
  double period_s = 0.0;
  double q = 1.0;  ///< information-reduction factor
  double first_time_s = 0.0;
};

/// The measurement information of `sensor` about a target at `p` (nullopt when not visible).
std::optional<Matrix6> information_at(const SensorGeometry& g, const Eigen::Vector3d& p,
                                      const PcrlbSettings& settings) {
  const SensorInfo& info = g.entry->info;
  const Eigen::Vector3d d = g.to_local * (p - g.site);
  const double r = d.norm();
  if (r < 1.0 || (info.max_range_m > 0 && r > info.max_range_m)) return std::nullopt;
  if (info.kind == SensorKind::kAdsb) {
    Eigen::MatrixXd h = Eigen::MatrixXd::Zero(3, 6);
    h.leftCols(3).setIdentity();
    const Eigen::Vector3d sigma(settings.adsb_sigma_h_m, settings.adsb_sigma_h_m,
                                settings.adsb_sigma_v_m);
    return measurement_information(h, sigma.cwiseAbs2().asDiagonal().toDenseMatrix(), g.q);
  }
  if (d.z() < 0.0) return std::nullopt;  // below the radar's horizontal plane
  const double rho2 = d.x() * d.x() + d.y() * d.y();
  const double rho = std::sqrt(rho2);
  if (rho < 1.0) return std::nullopt;
  Eigen::Matrix3d local;  // d(range, azimuth, elevation) / d(local east, north, up)
  local.row(0) = d.transpose() / r;
  local.row(1) << d.y() / rho2, -d.x() / rho2, 0.0;
  local.row(2) << -d.x() * d.z() / (r * r * rho), -d.y() * d.z() / (r * r * rho), rho / (r * r);
  const Eigen::Matrix3d polar = local * g.to_local;
  if (info.kind == SensorKind::kPsr3d) {
    Eigen::MatrixXd h = Eigen::MatrixXd::Zero(3, 6);
    h.leftCols(3) = polar;
    const Eigen::Vector3d sigma(info.range_sigma_m, info.azimuth_sigma_rad,
                                info.elevation_sigma_rad);
    return measurement_information(h, sigma.cwiseAbs2().asDiagonal().toDenseMatrix(), g.q);
  }
  // SSR: range and azimuth, and the reported altitude (taken along the evaluation frame's up).
  Eigen::MatrixXd h = Eigen::MatrixXd::Zero(3, 6);
  h.block<2, 3>(0, 0) = polar.topRows(2);
  h(2, 2) = 1.0;
  const Eigen::Vector3d sigma(info.range_sigma_m, info.azimuth_sigma_rad,
                              settings.ssr_altitude_sigma_m);
  return measurement_information(h, sigma.cwiseAbs2().asDiagonal().toDenseMatrix(), g.q);
}

struct PlotCounts {
  std::size_t detections = 0;
  std::size_t false_plots = 0;
  double first = 0.0;
  double last = 0.0;
  bool seen = false;
};

Result<std::map<std::string, PlotCounts>> count_plots(const std::string& path) {
  auto reader = io::CsvReader::open(path);
  if (!reader) return reader.error();
  auto time = reader->column("time_s");
  auto sensor = reader->column("sensor_id");
  auto truth = reader->column("truth_id");
  if (!time) return time.error();
  if (!sensor) return sensor.error();
  if (!truth) return truth.error();
  std::map<std::string, PlotCounts> counts;
  while (reader->next()) {
    auto t = reader->number(*time);
    if (!t) return t.error();
    PlotCounts& c = counts[std::string(reader->cell(*sensor))];
    if (!c.seen) c.first = c.last = *t;
    c.seen = true;
    c.first = std::min(c.first, *t);
    c.last = std::max(c.last, *t);
    (reader->cell(*truth).empty() ? c.false_plots : c.detections) += 1;
  }
  return counts;
}

double sensor_period(const io::SensorsFileEntry& entry) {
  return entry.info.kind == SensorKind::kAdsb ? entry.update_interval_s
                                              : entry.info.rotation_period_s;
}

/// The volume of a sensor's measurement space (range x azimuth [x elevation]) for clutter.
double measurement_volume(const SensorInfo& info) {
  const double elevation_span = units::deg_to_rad(70.0);
  const double base = std::max(info.max_range_m, 1.0) * 2.0 * std::numbers::pi;
  return info.kind == SensorKind::kPsr3d ? base * elevation_span : base;
}

/// Scan times of a sensor within [begin, end].
template <typename Visit>
void for_each_scan(const SensorGeometry& g, double begin, double end, Visit&& visit) {
  if (g.period_s <= 0.0) return;
  double k = std::ceil((begin - g.first_time_s) / g.period_s);
  for (double t = g.first_time_s + k * g.period_s; t <= end;
       t = g.first_time_s + (++k) * g.period_s) {
    visit(t);
  }
}

}  // namespace

Status add_pcrlb_efficiency(const ScoringData& data, const io::SensorsFile& sensors,
                            const std::optional<std::string>& plots_path,
                            const PcrlbSettings& settings, bool horizontal,
                            EvaluationSummary& summary) {
  if (!data.frame) {
    return make_error(ErrorCode::kInvalidValue, "the PCRLB needs geodetic truth (not --bench2d)");
  }
  std::map<std::int64_t, TruthPath> paths;
  for (const ScoringFrame& frame : data.frames) {
    for (const ObjectState& truth : frame.truths)
      paths[truth.id].add(frame.time_s, truth.position_m);
  }
  std::map<std::string, PlotCounts> counts;
  if (plots_path) {
    auto read = count_plots(*plots_path);
    if (!read) return read.error();
    counts = std::move(*read);
  }

  std::vector<SensorGeometry> geometry;
  for (const io::SensorsFileEntry& entry : sensors.sensors) {
    SensorGeometry g;
    g.entry = &entry;
    g.site = data.frame->to_enu(entry.info.site);
    const geo::LocalFrame own(entry.info.site);
    g.to_local = own.ecef_to_enu_rotation() * data.frame->ecef_to_enu_rotation().transpose();
    g.period_s = sensor_period(entry);
    if (const auto found = counts.find(entry.info.id); found != counts.end()) {
      g.first_time_s = found->second.first;
    } else if (!data.frames.empty()) {
      g.first_time_s = data.frames.front().time_s;
    }
    geometry.push_back(g);
  }
  // Pd and clutter per sensor from the plots: detections over opportunities.
  if (plots_path) {
    for (SensorGeometry& g : geometry) {
      const auto found = counts.find(g.entry->info.id);
      if (found == counts.end() || g.period_s <= 0.0) continue;
      std::size_t opportunities = 0;
      for (const auto& entry : paths) {
        const TruthPath& path = entry.second;  // (a named variable: lambdas capture it)
        for_each_scan(g, path.begin(), path.end(), [&](double t) {
          if (information_at(g, path.at(t), settings)) ++opportunities;
        });
      }
      const PlotCounts& c = found->second;
      const double pd = opportunities > 0 ? std::min(1.0, static_cast<double>(c.detections) /
                                                              static_cast<double>(opportunities))
                                          : 1.0;
      const double scans = std::max(1.0, (c.last - c.first) / g.period_s + 1.0);
      const SensorInfo& info = g.entry->info;
      double clutter = 0.0;
      int dims = 3;
      if (info.kind != SensorKind::kAdsb) {
        const double density =
            static_cast<double>(c.false_plots) / scans / measurement_volume(info);
        const double noise_volume =
            info.range_sigma_m * info.azimuth_sigma_rad *
            (info.kind == SensorKind::kPsr3d ? info.elevation_sigma_rad : 1.0);
        clutter = density * noise_volume;
        dims = info.kind == SensorKind::kPsr3d ? 3 : 2;
      }
      g.q = information_reduction_factor(pd, clutter, dims);
    }
  }

  Matrix6 prior = Matrix6::Identity();
  prior.topLeftCorner<3, 3>() *= 1e10;
  prior.bottomRightCorner<3, 3>() *= 1e6;
  double bound_sum = 0.0;
  std::size_t bound_count = 0;
  double efficiency_sum = 0.0;
  std::size_t efficiency_count = 0;
  for (TargetScore& target : summary.targets) {
    const auto path = paths.find(target.id);
    if (path == paths.end() || target.squared_errors.empty()) continue;
    // Events in time order: measurement opportunities, then the scored times.
    std::vector<std::pair<double, const SensorGeometry*>> events;
    for (const SensorGeometry& g : geometry) {
      for_each_scan(g, path->second.begin(), target.squared_errors.back().first,
                    [&](double t) { events.emplace_back(t, &g); });
    }
    std::sort(events.begin(), events.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    PcrlbRecursion recursion(
        path->second.begin(), prior,
        Eigen::Vector3d(settings.accel_psd_horizontal, settings.accel_psd_horizontal,
                        settings.accel_psd_vertical));
    std::size_t next = 0;
    double target_bound = 0.0;
    double target_error = 0.0;
    for (const auto& [time, squared_error] : target.squared_errors) {
      for (; next < events.size() && events[next].first <= time; ++next) {
        recursion.predict_to(events[next].first);
        if (const auto info = information_at(*events[next].second,
                                             path->second.at(events[next].first), settings)) {
          recursion.add(*info);
        }
      }
      recursion.predict_to(time);
      const Matrix6 bound = recursion.bound();
      const double position_bound =
          horizontal ? bound(0, 0) + bound(1, 1) : bound.topLeftCorner<3, 3>().trace();
      target_bound += position_bound;
      target_error += squared_error;
    }
    const auto n = static_cast<double>(target.squared_errors.size());
    target.pcrlb_rms_m = std::sqrt(target_bound / n);
    target.efficiency = std::sqrt(target_error / n) / target.pcrlb_rms_m;
    bound_sum += target_bound;
    bound_count += target.squared_errors.size();
    efficiency_sum += target.efficiency;
    ++efficiency_count;
  }
  if (bound_count > 0)
    summary.pcrlb_rms_m = std::sqrt(bound_sum / static_cast<double>(bound_count));
  if (efficiency_count > 0) {
    summary.efficiency_mean = efficiency_sum / static_cast<double>(efficiency_count);
  }
  return Status{};
}

}  // namespace straja::evaluation
