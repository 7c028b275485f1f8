#include "server/api_documents.h"

#include <cmath>
#include <limits>

#include "server/json_text.h"

namespace straja::server {

std::string_view to_string(SensorHealth health) {
  switch (health) {
    case SensorHealth::kOk:
      return "ok";
    case SensorHealth::kDegraded:
      return "degraded";
    case SensorHealth::kSilent:
      return "silent";
    case SensorHealth::kDown:
      return "down";
  }
  return "down";
}

TrackCounts count_tracks(const std::vector<PictureTrack>& tracks) {
  TrackCounts counts;
  for (const PictureTrack& track : tracks) {
    switch (track.status) {
      case TrackStatus::kTentative:
        ++counts.tentative;
        break;
      case TrackStatus::kConfirmed:
        ++counts.confirmed;
        break;
      case TrackStatus::kCoasting:
        ++counts.coasting;
        break;
    }
  }
  return counts;
}

namespace {

void append_optional_string(std::string& out, const std::optional<std::string>& text) {
  if (text) {
    json::append_string(out, *text);
  } else {
    out += "null";
  }
}

}  // namespace

std::string stats_json(const Picture& picture, std::uint64_t clients, std::string_view frame_type) {
  const PictureStats& s = picture.stats;
  const TrackCounts counts = count_tracks(picture.tracks);
  std::string out = "{";
  if (!frame_type.empty()) {
    out += "\"type\":";
    json::append_string(out, frame_type);
    out += ",";
  }
  out += "\"time\":";
  json::append_time(out, picture.time);
  out += ",\"source\":";
  json::append_string(out, s.source);
  out += ",\"scenario\":";
  append_optional_string(out, s.scenario);
  out += ",\"plots_total\":";
  json::append_integer(out, static_cast<std::int64_t>(s.plots_total));
  out += ",\"plots_per_s\":";
  json::append_number(out, s.plots_per_s, 1);
  out += ",\"tracks\":{\"tentative\":";
  json::append_integer(out, static_cast<std::int64_t>(counts.tentative));
  out += ",\"confirmed\":";
  json::append_integer(out, static_cast<std::int64_t>(counts.confirmed));
  out += ",\"coasting\":";
  json::append_integer(out, static_cast<std::int64_t>(counts.coasting));
  out += "},\"latency_ms\":{\"p50\":";
  json::append_number(out, s.latency_p50_ms, 3);
  out += ",\"p99\":";
  json::append_number(out, s.latency_p99_ms, 3);
  out += "},\"dropped\":";
  json::append_integer(out, static_cast<std::int64_t>(s.dropped));
  out += ",\"errors\":";
  json::append_integer(out, static_cast<std::int64_t>(s.errors));
  out += ",\"out_of_sequence\":";
  json::append_integer(out, static_cast<std::int64_t>(s.out_of_sequence));
  out += ",\"clients\":";
  json::append_integer(out, static_cast<std::int64_t>(clients));
  out += ",\"replay\":";
  if (s.replay) {
    out += "{\"paused\":";
    json::append_bool(out, s.replay->paused);
    out += ",\"speed\":";
    json::append_number(out, s.replay->speed, 3);
    out += ",\"position\":";
    json::append_time(out, s.replay->position);
    out += ",\"start\":";
    json::append_time(out, s.replay->start);
    out += ",\"end\":";
    json::append_time(out, s.replay->end);
    out += "}";
  } else {
    out += "null";
  }
  out += "}";
  return out;
}

std::string sensors_json(const Picture& picture) {
  std::string out = "[";
  for (std::size_t i = 0; i < picture.sensors.size(); ++i) {
    const SensorStatus& s = picture.sensors[i];
    if (i > 0) out.push_back(',');
    out += "{\"id\":";
    json::append_string(out, s.id);
    out += ",\"kind\":";
    json::append_string(out, s.kind);
    out += ",\"sac\":";
    json::append_integer(out, s.sac);
    out += ",\"sic\":";
    json::append_integer(out, s.sic);
    out += ",\"lat\":";
    json::append_number(out, s.lat_deg, 6);
    out += ",\"lon\":";
    json::append_number(out, s.lon_deg, 6);
    out += ",\"height_m\":";
    json::append_number(out, s.height_m, 1);
    out += ",\"max_range_m\":";
    json::append_number(out, s.max_range_m, 0);
    out += ",\"status\":";
    json::append_string(out, to_string(s.health));
    out += ",\"status_reason\":";
    if (s.status_reason.empty()) {
      out += "null";
    } else {
      json::append_string(out, s.status_reason);
    }
    out += ",\"last_data_age_s\":";
    json::append_number(out, s.last_data_age_s, 1);
    out += ",\"plots_per_s\":";
    json::append_number(out, s.plots_per_s, 2);
    out += "}";
  }
  out += "]";
  return out;
}

std::string summary_json(const Picture& picture) {
  std::string out = "{\"scenario\":";
  append_optional_string(out, picture.stats.scenario);
  out += ",\"reference\":{\"lat\":";
  json::append_number(out, picture.reference_lat_deg, 6);
  out += ",\"lon\":";
  json::append_number(out, picture.reference_lon_deg, 6);
  out += "},\"time\":";
  json::append_time(out, picture.time);
  out += "}";
  return out;
}

namespace {

class MetricsWriter {
 public:
  void family(std::string_view name, std::string_view type, std::string_view help) {
    out_.append("# HELP ").append(name).append(" ").append(help).append("\n");
    out_.append("# TYPE ").append(name).append(" ").append(type).append("\n");
  }
  void sample(std::string_view name, double value, std::string_view labels = {}) {
    out_.append(name);
    if (!labels.empty()) out_.append("{").append(labels).append("}");
    out_.append(" ");
    if (std::isfinite(value)) {
      const bool integral = std::abs(value) < 9e15 && value == std::floor(value);
      json::append_number(out_, value, integral ? 0 : 6);
    } else {
      out_.append("NaN");
    }
    out_.append("\n");
  }
  void single(std::string_view name, std::string_view type, std::string_view help, double value) {
    family(name, type, help);
    sample(name, value);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

}  // namespace

std::string metrics_text(const Picture& picture, const ServerCounters& counters) {
  const PictureStats& s = picture.stats;
  const TrackCounts counts = count_tracks(picture.tracks);
  MetricsWriter m;
  m.single("straja_inputs", "gauge", "Input files or live feeds of the picture.",
           static_cast<double>(s.inputs));
  m.single("straja_plots_received_total", "counter", "Plots received from every input.",
           static_cast<double>(s.plots_total));
  m.single("straja_plots_per_second", "gauge", "Plots received per second, recent average.",
           s.plots_per_s);
  m.family("straja_tracks", "gauge", "Live tracks by status.");
  m.sample("straja_tracks", static_cast<double>(counts.tentative), "status=\"tentative\"");
  m.sample("straja_tracks", static_cast<double>(counts.confirmed), "status=\"confirmed\"");
  m.sample("straja_tracks", static_cast<double>(counts.coasting), "status=\"coasting\"");
  m.family("straja_latency_seconds", "gauge",
           "Plot arrival to track output, quantiles over recent batches (NaN when unknown).");
  const auto seconds = [](std::optional<double> ms) {
    return ms ? *ms / 1000.0 : std::numeric_limits<double>::quiet_NaN();
  };
  m.sample("straja_latency_seconds", seconds(s.latency_p50_ms), "quantile=\"0.5\"");
  m.sample("straja_latency_seconds", seconds(s.latency_p99_ms), "quantile=\"0.99\"");
  m.family("straja_sensor_ok", "gauge",
           "1 while a sensor is ok, 0 while it is degraded, silent or down (label status).");
  for (const SensorStatus& sensor : picture.sensors) {
    std::string labels = "sensor=\"";
    for (const char c : sensor.id) {  // the exposition format's label-value escapes
      if (c == '\\' || c == '"') labels += '\\';
      labels += c == '\n' ? std::string("\\n") : std::string(1, c);
    }
    labels += "\",status=\"";
    labels += to_string(sensor.health);
    labels += "\"";
    m.sample("straja_sensor_ok", sensor.health == SensorHealth::kOk ? 1.0 : 0.0, labels);
  }
  m.single("straja_dropped_total", "counter", "Datagrams or plots lost before the tracker.",
           static_cast<double>(s.dropped));
  m.single("straja_decode_errors_total", "counter", "Input blocks or rows skipped as malformed.",
           static_cast<double>(s.errors));
  m.single("straja_out_of_sequence_plots_total", "counter",
           "Plots that reached the tracker after newer ones (live time ordering).",
           static_cast<double>(s.out_of_sequence));
  m.single("straja_http_requests_total", "counter", "HTTP responses produced (any status).",
           static_cast<double>(counters.http_requests));
  m.single("straja_http_unauthorized_total", "counter",
           "HTTP requests and WebSocket upgrades refused for a missing or wrong token.",
           static_cast<double>(counters.auth_failures));
  m.single("straja_websocket_clients", "gauge", "WebSocket clients connected.",
           static_cast<double>(counters.ws_clients));
  m.single("straja_websocket_messages_sent_total", "counter", "WebSocket frames sent to clients.",
           static_cast<double>(counters.ws_messages_sent));
  m.single("straja_websocket_messages_received_total", "counter",
           "WebSocket messages received from clients.",
           static_cast<double>(counters.ws_messages_received));
  m.single("straja_websocket_snapshots_resent_total", "counter",
           "Fresh snapshots sent to lagging clients in place of the deltas they missed.",
           static_cast<double>(counters.ws_snapshots_resent));
  m.single("straja_websocket_policy_closes_total", "counter",
           "Clients disconnected (1008) for oversized or too frequent messages.",
           static_cast<double>(counters.ws_policy_closes));
  return m.take();
}

}  // namespace straja::server
