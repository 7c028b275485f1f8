#include "evaluation/scoring_frames.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "geo/geodetic.h"
#include "io/csv_reader.h"

namespace straja::evaluation {
namespace {

struct Sample {
  double time_s = 0.0;
  Eigen::Vector3d position_m;
  Eigen::Vector3d velocity_mps;
};

/// Reads the named columns of `reader` (every one required).
template <std::size_t N>
Result<std::array<std::size_t, N>> columns(const io::CsvReader& reader,
                                           const std::array<const char*, N>& names) {
  std::array<std::size_t, N> indices{};
  for (std::size_t i = 0; i < N; ++i) {
    auto index = reader.column(names[i]);
    if (!index) return index.error();
    indices[i] = *index;
  }
  return indices;
}

/// A geodetic row (lat, lon, height, ENU velocity at the point) in the evaluation frame.
struct GeodeticColumns {
  std::size_t time, id, lat, lon, alt, ve, vn, vu;
};

Result<Sample> read_geodetic_sample(const io::CsvReader& reader, const GeodeticColumns& c,
                                    const geo::LocalFrame& frame) {
  std::array<double, 7> v{};
  const std::array<std::size_t, 7> cols{c.time, c.lat, c.lon, c.alt, c.ve, c.vn, c.vu};
  for (std::size_t i = 0; i < cols.size(); ++i) {
    auto value = reader.number(cols[i]);
    if (!value) return value.error();
    v[i] = *value;
  }
  if (std::abs(v[1]) > 90.0) return reader.error(c.lat, "latitude outside [-90, 90]");
  const geo::Geodetic point{v[1], v[2], v[3]};
  const geo::LocalFrame at_point(point);
  Sample sample;
  sample.time_s = v[0];
  sample.position_m = frame.to_enu(point);
  sample.velocity_mps =
      frame.vector_ecef_to_enu(at_point.vector_enu_to_ecef(Eigen::Vector3d(v[4], v[5], v[6])));
  return sample;
}

Result<GeodeticColumns> geodetic_columns(const io::CsvReader& reader, const char* id_name) {
  auto c = columns<8>(reader, {"time_s", id_name, "lat_deg", "lon_deg", "alt_m", "vel_east_mps",
                               "vel_north_mps", "vel_up_mps"});
  if (!c) return c.error();
  const auto& i = *c;
  return GeodeticColumns{i[0], i[1], i[2], i[3], i[4], i[5], i[6], i[7]};
}

/// The mean truth position (lat/lon averaged, height 0): the origin of the evaluation frame.
Result<geo::LocalFrame> frame_of_truth(const std::string& truth_path) {
  auto reader = io::CsvReader::open(truth_path);
  if (!reader) return reader.error();
  auto lat = reader->column("lat_deg");
  auto lon = reader->column("lon_deg");
  if (!lat) return lat.error();
  if (!lon) return lon.error();
  double sum_lat = 0.0;
  double sum_lon = 0.0;
  std::size_t count = 0;
  while (reader->next()) {
    auto a = reader->number(*lat);
    auto b = reader->number(*lon);
    if (!a) return a.error();
    if (!b) return b.error();
    sum_lat += *a;
    sum_lon += *b;
    ++count;
  }
  if (count == 0) return geo::LocalFrame(geo::Geodetic{});
  const double n = static_cast<double>(count);
  return geo::LocalFrame(geo::Geodetic{sum_lat / n, sum_lon / n, 0.0});
}

/// Truth of one target: samples in time order, interpolated linearly in between.
class TruthTrack {
 public:
  void add(const Sample& sample) { samples_.push_back(sample); }
  void finish() {
    std::stable_sort(samples_.begin(), samples_.end(),
                     [](const Sample& a, const Sample& b) { return a.time_s < b.time_s; });
  }
  double first_time() const { return samples_.front().time_s; }
  double last_time() const { return samples_.back().time_s; }
  /// The state at `t`, nullopt outside [first, last]. Calls with increasing t are O(1) amortised.
  std::optional<Sample> at(double t) {
    if (samples_.empty() || t < first_time() || t > last_time()) return std::nullopt;
    if (cursor_ >= samples_.size() || samples_[cursor_].time_s > t) cursor_ = 0;
    while (cursor_ + 1 < samples_.size() && samples_[cursor_ + 1].time_s <= t) ++cursor_;
    const Sample& a = samples_[cursor_];
    if (a.time_s == t || cursor_ + 1 == samples_.size()) return a;
    const Sample& b = samples_[cursor_ + 1];
    const double w = (t - a.time_s) / (b.time_s - a.time_s);
    return Sample{t, a.position_m + w * (b.position_m - a.position_m),
                  a.velocity_mps + w * (b.velocity_mps - a.velocity_mps)};
  }

 private:
  std::vector<Sample> samples_;
  std::size_t cursor_ = 0;
};

/// Detection times per truth id (and per listed sensor), for the coverage rule.
class Coverage {
 public:
  explicit Coverage(CoverageRule rule) : rule_(std::move(rule)) {}
  /// `sensor`: the position of the plot's sensor in rule.sensors (0 when none are listed).
  void add(std::int64_t truth_id, std::size_t sensor, double time_s) {
    auto& per_sensor = times_[truth_id];
    if (per_sensor.empty()) per_sensor.resize(std::max<std::size_t>(rule_.sensors.size(), 1));
    per_sensor[sensor].push_back(time_s);
  }
  void finish() {
    for (auto& [id, per_sensor] : times_) {
      for (auto& times : per_sensor) std::sort(times.begin(), times.end());
    }
  }
  bool in_coverage(std::int64_t truth_id, double t) const {
    const auto found = times_.find(truth_id);
    if (found == times_.end()) return false;
    for (const std::vector<double>& times : found->second) {
      const auto upto = std::upper_bound(times.begin(), times.end(), t);
      const auto count = upto - times.begin();
      if (count < rule_.min_detections) return false;
      if (!(*(upto - 1) > t - rule_.recent_s)) return false;
    }
    return true;
  }

 private:
  CoverageRule rule_;
  std::unordered_map<std::int64_t, std::vector<std::vector<double>>> times_;
};

Result<Coverage> read_coverage(const std::string& plots_path, const CoverageRule& rule) {
  auto reader = io::CsvReader::open(plots_path);
  if (!reader) return reader.error();
  auto time = reader->column("time_s");
  auto truth = reader->column("truth_id");
  if (!time) return time.error();
  if (!truth) return truth.error();
  std::optional<std::size_t> sensor_column;
  if (!rule.sensors.empty()) {
    auto column = reader->column("sensor_id");
    if (!column) return column.error();
    sensor_column = *column;
  }
  Coverage coverage(rule);
  std::vector<char> seen(rule.sensors.size(), 0);
  while (reader->next()) {
    if (reader->cell(*truth).empty()) continue;  // a false alarm
    std::size_t sensor = 0;
    if (sensor_column) {
      const auto listed =
          std::find(rule.sensors.begin(), rule.sensors.end(), reader->cell(*sensor_column));
      if (listed == rule.sensors.end()) continue;
      sensor = static_cast<std::size_t>(listed - rule.sensors.begin());
      seen[sensor] = 1;
    }
    auto t = reader->number(*time);
    auto id = reader->integer(*truth);
    if (!t) return t.error();
    if (!id) return id.error();
    coverage.add(*id, sensor, *t);
  }
  for (std::size_t i = 0; i < seen.size(); ++i) {
    if (!seen[i]) {
      return Error{ErrorCode::kNotFound,
                   plots_path + ": coverage sensor '" + rule.sensors[i] + "' has no target plots"};
    }
  }
  coverage.finish();
  return coverage;
}

/// The tracker's reporting interval: the 90th percentile of the spacings of its report times. A
/// tracker reporting after every sensor batch reports in bursts (two radars of one period: a
/// short and a long spacing in turn); the long spacing is its period, not a gap.
double reporting_interval(const std::vector<double>& sorted_times) {
  std::vector<double> gaps;
  for (std::size_t i = 1; i < sorted_times.size(); ++i) {
    gaps.push_back(sorted_times[i] - sorted_times[i - 1]);
  }
  if (gaps.empty()) return 0.0;
  const std::size_t at = (gaps.size() * 9) / 10;
  std::nth_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(at), gaps.end());
  return gaps[at];
}

/// Report times plus filled-in times (see the header) over [begin, end].
std::vector<double> scoring_times(const std::vector<double>& report_times, double interval,
                                  double begin, double end, std::size_t& filled) {
  std::vector<double> times;
  filled = 0;
  if (interval <= 0.0) return report_times;
  auto fill = [&](double from, double to) {  // exclusive of both ends
    for (double t = from + interval; t < to - 0.5 * interval; t += interval) {
      times.push_back(t);
      ++filled;
    }
  };
  double previous = begin - interval;  // so that `begin` itself is filled when uncovered
  for (const double t : report_times) {
    if (t - previous > 1.5 * interval && previous < end)
      fill(previous, std::min(t, end + interval));
    times.push_back(t);
    previous = t;
  }
  if (end - previous > 1.5 * interval) fill(previous, end + interval);
  std::sort(times.begin(), times.end());
  return times;
}

}  // namespace

Result<ScoringData> load_geodetic(const std::string& truth_path, const std::string& tracks_path,
                                  const std::optional<std::string>& plots_path,
                                  const CoverageRule& coverage_rule) {
  auto frame = frame_of_truth(truth_path);
  if (!frame) return frame.error();
  ScoringData data;
  data.frame = *frame;

  // Truth, per target.
  std::map<std::int64_t, TruthTrack> truths;
  {
    auto reader = io::CsvReader::open(truth_path);
    if (!reader) return reader.error();
    auto c = geodetic_columns(*reader, "target_id");
    if (!c) return c.error();
    const auto class_column = reader->find_column("class");
    while (reader->next()) {
      auto sample = read_geodetic_sample(*reader, *c, *frame);
      if (!sample) return sample.error();
      auto id = reader->integer(c->id);
      if (!id) return id.error();
      truths[*id].add(*sample);
      if (class_column && !data.truth_class.contains(*id)) {
        data.truth_class[*id] = std::string(reader->cell(*class_column));
      }
    }
  }
  double begin = 0.0;
  double end = -1.0;
  for (auto& [id, track] : truths) {
    track.finish();
    if (end < begin) {
      begin = track.first_time();
      end = track.last_time();
    }
    begin = std::min(begin, track.first_time());
    end = std::max(end, track.last_time());
  }

  // Tracks, per report time.
  std::map<double, std::vector<ObjectState>> tracks_at;
  {
    auto reader = io::CsvReader::open(tracks_path);
    if (!reader) return reader.error();
    auto c = geodetic_columns(*reader, "track_id");
    if (!c) return c.error();
    auto status_column = reader->column("status");
    if (!status_column) return status_column.error();
    while (reader->next()) {
      const std::string_view status = reader->cell(*status_column);
      const bool coasting = status == "coasting";
      if (status == "tentative") {
        auto t = reader->number(c->time);
        if (!t) return t.error();
        tracks_at[*t];  // a report time, nothing scored
        ++data.tentative_rows;
        continue;
      }
      if (!coasting && status != "confirmed") {
        return reader->error(*status_column, "expected tentative, confirmed or coasting, got '" +
                                                 std::string(status) + "'");
      }
      auto sample = read_geodetic_sample(*reader, *c, *frame);
      if (!sample) return sample.error();
      auto id = reader->integer(c->id);
      if (!id) return id.error();
      // A tracker reporting after each sensor batch writes a track once per batch; batches of
      // several sensors can end at one time. The track counts once there: its last row.
      std::vector<ObjectState>& rows = tracks_at[sample->time_s];
      const ObjectState row{*id, sample->position_m, sample->velocity_mps, coasting, true};
      const auto same = std::find_if(rows.begin(), rows.end(),
                                     [&](const ObjectState& other) { return other.id == *id; });
      if (same != rows.end()) {
        *same = row;
      } else {
        rows.push_back(row);
      }
    }
  }

  std::optional<Coverage> coverage;
  if (plots_path) {
    auto read = read_coverage(*plots_path, coverage_rule);
    if (!read) return read.error();
    coverage = std::move(*read);
  }

  std::vector<double> report_times;
  for (const auto& [t, rows] : tracks_at) report_times.push_back(t);
  // At least 1 s: a tracker reporting after every sensor batch (several per second, irregular)
  // has tiny spacings, and filling its ordinary sub-second gaps would score times at which it
  // simply had nothing to report.
  const double interval = std::max(reporting_interval(report_times), 1.0);
  const std::vector<double> times =
      end >= begin ? scoring_times(report_times, interval, begin, end, data.filled_times)
                   : report_times;

  data.frames.reserve(times.size());
  for (const double t : times) {
    ScoringFrame scored;
    scored.time_s = t;
    for (auto& [id, track] : truths) {
      if (const auto sample = track.at(t)) {
        const bool covered = !coverage || coverage->in_coverage(id, t);
        scored.truths.push_back(
            ObjectState{id, sample->position_m, sample->velocity_mps, false, covered});
      }
    }
    if (const auto found = tracks_at.find(t); found != tracks_at.end()) {
      scored.tracks = std::move(found->second);
    }
    data.frames.push_back(std::move(scored));
  }
  return data;
}

Result<ScoringData> load_bench2d(const std::string& truth_path, const std::string& tracks_path) {
  std::map<double, ScoringFrame> frames;
  auto read = [&](const std::string& path, const char* id_name, bool truth) -> Status {
    auto reader = io::CsvReader::open(path);
    if (!reader) return reader.error();
    auto c = columns<4>(*reader, {"t", id_name, "x", "y"});
    if (!c) return c.error();
    const auto vx = reader->find_column("vx");
    const auto vy = reader->find_column("vy");
    while (reader->next()) {
      std::array<double, 3> v{};
      const std::array<std::size_t, 3> cols{(*c)[0], (*c)[2], (*c)[3]};
      for (std::size_t i = 0; i < 3; ++i) {
        auto value = reader->number(cols[i]);
        if (!value) return value.error();
        v[i] = *value;
      }
      ObjectState object;
      auto id = reader->integer((*c)[1]);
      if (!id) return id.error();
      object.id = *id;
      object.position_m = Eigen::Vector3d(v[1], v[2], 0.0);
      if (vx && vy) {
        auto a = reader->optional_number(*vx);
        auto b = reader->optional_number(*vy);
        if (!a) return a.error();
        if (!b) return b.error();
        object.velocity_mps = Eigen::Vector3d(a->value_or(0.0), b->value_or(0.0), 0.0);
      }
      ScoringFrame& frame = frames[v[0]];
      frame.time_s = v[0];
      (truth ? frame.truths : frame.tracks).push_back(object);
    }
    return Status{};
  };
  if (Status status = read(truth_path, "id", true); !status) return status.error();
  if (Status status = read(tracks_path, "track_id", false); !status) return status.error();
  ScoringData data;
  data.three_d = false;
  for (auto& [t, frame] : frames) data.frames.push_back(std::move(frame));
  return data;
}

}  // namespace straja::evaluation
