#include "evaluation/report_html.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string_view>

#include "io/html_text.h"

namespace straja::evaluation {
namespace {

std::string fixed(double value, int decimals) {
  if (std::isnan(value)) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

/// A distinct, stable colour per id (golden-angle hues).
std::string colour(std::int64_t id) {
  const double hue = std::fmod(static_cast<double>(id) * 137.508, 360.0);
  return "hsl(" + fixed(hue < 0 ? hue + 360 : hue, 0) + ",70%,42%)";
}

/// A "nice" tick step for a span split into about `count` intervals.
double tick_step(double span, int count) {
  if (span <= 0) return 1.0;
  const double raw = span / count;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 5.0, 10.0}) {
    if (raw <= m * magnitude) return m * magnitude;
  }
  return 10.0 * magnitude;
}

/// Axes of one SVG plot: data ranges mapped onto a width x height drawing area with margins.
class Plot {
 public:
  static constexpr double kWidth = 900, kHeight = 260, kLeft = 64, kRight = 16, kTop = 12,
                          kBottom = 34;

  Plot(double x0, double x1, double y0, double y1, double height = kHeight)
      : x0_(x0), x1_(x1 > x0 ? x1 : x0 + 1), y0_(y0), y1_(y1 > y0 ? y1 : y0 + 1), height_(height) {}

  double x(double value) const {
    return kLeft + (value - x0_) / (x1_ - x0_) * (kWidth - kLeft - kRight);
  }
  double y(double value) const {
    return height_ - kBottom - (value - y0_) / (y1_ - y0_) * (height_ - kTop - kBottom);
  }
  double height() const { return height_; }

  std::string open(const std::string& name, const std::string& label) const {
    return "<svg data-chart=\"" + name + "\" viewBox=\"0 0 " + fixed(kWidth, 0) + " " +
           fixed(height_, 0) + "\" role=\"img\" aria-label=\"" + io::escape_html(label) + "\">\n";
  }

  /// Grid, tick labels and axis titles; x labels read value - x_offset. Without y ticks (bar
  /// and timeline charts label their rows themselves) only the x grid is drawn.
  std::string axes(const std::string& x_title, const std::string& y_title, double x_offset = 0,
                   bool y_ticks = true) const {
    std::string s;
    const double xs = tick_step(x1_ - x0_, 8);
    for (double v = std::ceil(x0_ / xs) * xs; v <= x1_ + 1e-9; v += xs) {
      s += "<line class=\"grid\" x1=\"" + fixed(x(v), 1) + "\" x2=\"" + fixed(x(v), 1) +
           "\" y1=\"" + fixed(kTop, 1) + "\" y2=\"" + fixed(height_ - kBottom, 1) + "\"/>";
      s += "<text class=\"tick\" x=\"" + fixed(x(v), 1) + "\" y=\"" +
           fixed(height_ - kBottom + 14, 1) + "\" text-anchor=\"middle\">" +
           fixed(v - x_offset, xs < 1 ? 1 : 0) + "</text>";
    }
    const double ys = tick_step(y1_ - y0_, 5);
    for (double v = std::ceil(y0_ / ys) * ys; y_ticks && v <= y1_ + 1e-9; v += ys) {
      s += "<line class=\"grid\" x1=\"" + fixed(kLeft, 1) + "\" x2=\"" + fixed(kWidth - kRight, 1) +
           "\" y1=\"" + fixed(y(v), 1) + "\" y2=\"" + fixed(y(v), 1) + "\"/>";
      s += "<text class=\"tick\" x=\"" + fixed(kLeft - 6, 1) + "\" y=\"" + fixed(y(v) + 4, 1) +
           "\" text-anchor=\"end\">" + fixed(v, ys < 1 ? 1 : 0) + "</text>";
    }
    s += "<text class=\"title\" x=\"" + fixed((kLeft + kWidth - kRight) / 2, 1) + "\" y=\"" +
         fixed(height_ - 4, 1) + "\" text-anchor=\"middle\">" + io::escape_html(x_title) +
         "</text>";
    s += "<text class=\"title\" transform=\"translate(14," +
         fixed((kTop + height_ - kBottom) / 2, 1) + ") rotate(-90)\" text-anchor=\"middle\">" +
         io::escape_html(y_title) + "</text>\n";
    return s;
  }

  std::string polyline(const std::vector<std::pair<double, double>>& points,
                       const std::string& stroke, const std::string& name) const {
    std::string s = "<polyline data-series=\"" + name + "\" fill=\"none\" stroke=\"" + stroke +
                    "\" stroke-width=\"1.5\" points=\"";
    for (const auto& [px, py] : points) s += fixed(x(px), 1) + "," + fixed(y(py), 1) + " ";
    return s + "\"/>\n";
  }

 private:
  double x0_, x1_, y0_, y1_, height_;
};

std::string legend(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string s = "<p class=\"legend\">";
  for (const auto& [name, stroke] : entries) {
    s += "<span><i style=\"background:" + stroke + "\"></i>" + io::escape_html(name) + "</span>";
  }
  return s + "</p>\n";
}

/// Keeps at most `limit` evenly spread indices of [0, n).
std::vector<std::size_t> spread(std::size_t n, std::size_t limit) {
  std::vector<std::size_t> out;
  if (n == 0) return out;
  const std::size_t step = std::max<std::size_t>(1, (n + limit - 1) / limit);
  for (std::size_t i = 0; i < n; i += step) out.push_back(i);
  if (out.back() != n - 1) out.push_back(n - 1);
  return out;
}

std::string gospa_chart(const EvaluationSummary& s, const EvaluationConfig& config, double t0) {
  if (s.frames.empty()) return "<p>No scoring times.</p>\n";
  std::vector<std::pair<double, double>> gospa, localisation, missed, false_part;
  double top = 0;
  const double c_p = std::pow(config.gospa.cutoff_m, config.gospa.order);
  for (const std::size_t i : spread(s.frames.size(), 3000)) {
    const FrameScore& f = s.frames[i];
    const double t = f.time_s;
    gospa.emplace_back(t, f.gospa);
    localisation.emplace_back(t, std::pow(f.localisation_sum_p, 1.0 / config.gospa.order));
    missed.emplace_back(
        t, std::pow(0.5 * c_p * static_cast<double>(f.missed), 1.0 / config.gospa.order));
    false_part.emplace_back(
        t, std::pow(0.5 * c_p * static_cast<double>(f.false_tracks), 1.0 / config.gospa.order));
    top = std::max(top, f.gospa);
  }
  const Plot plot(s.frames.front().time_s, s.frames.back().time_s, 0, top * 1.05);
  std::string out = plot.open("gospa", "GOSPA and its parts over time");
  out += plot.axes("time since start (s)", "metres", t0);
  out += plot.polyline(gospa, "#1f4e9c", "gospa");
  out += plot.polyline(localisation, "#2e8b57", "localisation");
  out += plot.polyline(missed, "#d2691e", "missed");
  out += plot.polyline(false_part, "#b22222", "false");
  out += "</svg>\n";
  out += legend({{"GOSPA", "#1f4e9c"},
                 {"localisation part", "#2e8b57"},
                 {"missed part", "#d2691e"},
                 {"false part", "#b22222"}});
  return out;
}

std::string count_chart(const EvaluationSummary& s, double t0) {
  if (s.frames.empty()) return "";
  std::vector<std::pair<double, double>> truths, tracks, missed, false_tracks;
  double top = 1;
  for (const std::size_t i : spread(s.frames.size(), 3000)) {
    const FrameScore& f = s.frames[i];
    truths.emplace_back(f.time_s, static_cast<double>(f.truths_in_coverage));
    tracks.emplace_back(f.time_s, static_cast<double>(f.tracks));
    missed.emplace_back(f.time_s, static_cast<double>(f.missed));
    false_tracks.emplace_back(f.time_s, static_cast<double>(f.false_tracks));
    top = std::max({top, static_cast<double>(f.truths_in_coverage), static_cast<double>(f.tracks)});
  }
  const Plot plot(s.frames.front().time_s, s.frames.back().time_s, 0, top * 1.05);
  std::string out = plot.open("counts", "Targets, tracks, missed and false per scoring time");
  out += plot.axes("time since start (s)", "count", t0);
  out += plot.polyline(truths, "#555555", "truths");
  out += plot.polyline(tracks, "#1f4e9c", "tracks");
  out += plot.polyline(missed, "#d2691e", "missed");
  out += plot.polyline(false_tracks, "#b22222", "false");
  out += "</svg>\n";
  out += legend({{"targets in coverage", "#555555"},
                 {"tracks (confirmed, coasting)", "#1f4e9c"},
                 {"missed", "#d2691e"},
                 {"false", "#b22222"}});
  return out;
}

std::string target_error_chart(const EvaluationSummary& s) {
  std::vector<const TargetScore*> shown;
  for (const TargetScore& t : s.targets) {
    if (!std::isnan(t.rms_horizontal_m)) shown.push_back(&t);
  }
  if (shown.empty()) return "<p>No target was tracked: no errors to show.</p>\n";
  std::sort(shown.begin(), shown.end(), [](const TargetScore* a, const TargetScore* b) {
    return a->rms_horizontal_m > b->rms_horizontal_m;
  });
  const std::size_t limit = 40;
  const bool cut = shown.size() > limit;
  if (cut) shown.resize(limit);
  double top = 1;
  for (const TargetScore* t : shown) {
    top = std::max(
        {top, t->rms_horizontal_m, std::isnan(t->rms_vertical_m) ? 0.0 : t->rms_vertical_m});
  }
  const double row = 16;
  const double height = Plot::kTop + Plot::kBottom + row * static_cast<double>(shown.size());
  const Plot plot(0, top * 1.05, 0, 1, height);
  std::string out = plot.open("target-errors", "RMS error per target");
  out += plot.axes("RMS error (m)", "target", 0, false);
  for (std::size_t i = 0; i < shown.size(); ++i) {
    const TargetScore& t = *shown[i];
    const double y = Plot::kTop + row * static_cast<double>(i);
    out += "<text class=\"tick\" x=\"" + fixed(Plot::kLeft - 6, 1) + "\" y=\"" + fixed(y + 11, 1) +
           "\" text-anchor=\"end\">" + std::to_string(t.id) + "</text>";
    out += "<rect data-target=\"" + std::to_string(t.id) + "\" x=\"" + fixed(plot.x(0), 1) +
           "\" y=\"" + fixed(y + 2, 1) + "\" width=\"" +
           fixed(plot.x(t.rms_horizontal_m) - plot.x(0), 1) + "\" height=\"6\" fill=\"#1f4e9c\"/>";
    if (!std::isnan(t.rms_vertical_m)) {
      out += "<rect x=\"" + fixed(plot.x(0), 1) + "\" y=\"" + fixed(y + 8, 1) + "\" width=\"" +
             fixed(plot.x(t.rms_vertical_m) - plot.x(0), 1) + "\" height=\"6\" fill=\"#8fb3e8\"/>";
    }
    out += "\n";
  }
  out += "</svg>\n";
  out += legend({{"horizontal RMS", "#1f4e9c"}, {"vertical RMS", "#8fb3e8"}});
  if (cut) out += "<p>The 40 targets with the largest horizontal error are shown.</p>\n";
  return out;
}

std::string timeline_chart(const EvaluationSummary& s, double t0, double t1) {
  if (s.targets.empty()) return "<p>No targets.</p>\n";
  const std::size_t limit = 60;
  const std::vector<std::size_t> shown = spread(s.targets.size(), limit);
  const double row = 12;
  const double height = Plot::kTop + Plot::kBottom + row * static_cast<double>(shown.size());
  const Plot plot(t0, t1, 0, 1, height);
  std::string out = plot.open("timelines", "Which track followed each target over time");
  out += plot.axes("time since start (s)", "target", t0, false);
  for (std::size_t r = 0; r < shown.size(); ++r) {
    const TargetScore& t = s.targets[shown[r]];
    const double y = Plot::kTop + row * static_cast<double>(r) + 6;
    out += "<text class=\"tick\" x=\"" + fixed(Plot::kLeft - 6, 1) + "\" y=\"" + fixed(y + 4, 1) +
           "\" text-anchor=\"end\">" + std::to_string(t.id) + "</text>";
    // Runs of one state (no track, or one track id), each drawn as one segment.
    std::size_t begin = 0;
    for (std::size_t i = 1; i <= t.timeline.size(); ++i) {
      if (i < t.timeline.size() && t.timeline[i].second == t.timeline[begin].second &&
          t.timeline[i].first - t.timeline[i - 1].first < 60.0) {
        continue;
      }
      const std::int64_t track = t.timeline[begin].second;
      const double x0 = plot.x(t.timeline[begin].first);
      const double x1 = std::max(plot.x(t.timeline[i - 1].first), x0 + 1.5);
      out += "<line " +
             std::string(track >= 0 ? "data-track=\"" + std::to_string(track) + "\" " : "") +
             "x1=\"" + fixed(x0, 1) + "\" x2=\"" + fixed(x1, 1) + "\" y1=\"" + fixed(y, 1) +
             "\" y2=\"" + fixed(y, 1) + "\" stroke=\"" + (track >= 0 ? colour(track) : "#cccccc") +
             "\" stroke-width=\"" + (track >= 0 ? "7" : "3") + "\"/>";
      begin = i;
    }
    out += "\n";
  }
  out += "</svg>\n";
  out +=
      "<p class=\"legend\">Grey: the target exists but no track is associated; each colour is "
      "one track id (a colour change is a track-number change).";
  if (shown.size() < s.targets.size()) {
    out += " " + std::to_string(shown.size()) + " of " + std::to_string(s.targets.size()) +
           " targets shown.";
  }
  return out + "</p>\n";
}

std::string map_chart(const ScoringData& data) {
  double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
  for (const ScoringFrame& f : data.frames) {
    for (const auto* set : {&f.truths, &f.tracks}) {
      for (const ObjectState& o : *set) {
        x0 = std::min(x0, o.position_m.x());
        x1 = std::max(x1, o.position_m.x());
        y0 = std::min(y0, o.position_m.y());
        y1 = std::max(y1, o.position_m.y());
      }
    }
  }
  if (x0 > x1) return "<p>Nothing to draw.</p>\n";
  // Equal scale on both axes: widen the narrower span around its centre.
  const double km = 1000.0;
  const double width = Plot::kWidth - Plot::kLeft - Plot::kRight;
  const double height_px = 560;
  const double plot_h = height_px - Plot::kTop - Plot::kBottom;
  const double scale = std::max((x1 - x0) / width, (y1 - y0) / plot_h) * 1.02 + 1e-9;
  const double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const Plot plot((cx - scale * width / 2) / km, (cx + scale * width / 2) / km,
                  (cy - scale * plot_h / 2) / km, (cy + scale * plot_h / 2) / km, height_px);
  std::string out = plot.open("map", "Tracks over truth");
  out += plot.axes("east (km)", "north (km)");
  // Truth: one polyline per target over (at most 400 of) its positions.
  std::map<std::int64_t, std::vector<std::pair<double, double>>> paths;
  for (const ScoringFrame& f : data.frames) {
    for (const ObjectState& o : f.truths) {
      paths[o.id].emplace_back(o.position_m.x() / km, o.position_m.y() / km);
    }
  }
  for (auto& [id, points] : paths) {
    std::vector<std::pair<double, double>> kept;
    for (const std::size_t i : spread(points.size(), 400)) kept.push_back(points[i]);
    out += plot.polyline(kept, "#9a9a9a", "truth-" + std::to_string(id));
  }
  // Tracks: dots, at most about 20,000 in all.
  std::size_t rows = 0;
  for (const ScoringFrame& f : data.frames) rows += f.tracks.size();
  const std::size_t every = std::max<std::size_t>(1, rows / 20000);
  std::size_t n = 0;
  for (const ScoringFrame& f : data.frames) {
    for (const ObjectState& o : f.tracks) {
      if (n++ % every != 0) continue;
      out += "<circle cx=\"" + fixed(plot.x(o.position_m.x() / km), 1) + "\" cy=\"" +
             fixed(plot.y(o.position_m.y() / km), 1) + "\" r=\"1.6\" fill=\"" + colour(o.id) +
             "\"/>";
    }
  }
  out += "\n</svg>\n";
  out += legend({{"truth", "#9a9a9a"}});
  return out;
}

}  // namespace

std::string report_html(const EvaluationSummary& s, const ScoringData& data,
                        const EvaluationConfig& config, const ReportInputs& inputs) {
  const double t0 = s.frames.empty() ? 0.0 : s.frames.front().time_s;
  const double t1 = s.frames.empty() ? 1.0 : s.frames.back().time_s;
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<title>Straja evaluation</title>\n<style>\n"
      "body{font:14px/1.4 system-ui,sans-serif;margin:24px auto;max-width:960px;color:#222}\n"
      "h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}\n"
      "table{border-collapse:collapse}td,th{padding:3px 10px;border-bottom:1px solid #eee;"
      "text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
      ".pass{color:#1a7f37;font-weight:600}.fail{color:#c62828;font-weight:600}.na{color:#888}\n"
      "svg{width:100%;height:auto;background:#fcfcfc;border:1px solid #eee}\n"
      "svg .grid{stroke:#e6e6e6;stroke-width:1}svg .tick{font-size:10px;fill:#555}"
      "svg .title{font-size:11px;fill:#333}\n"
      ".legend span{margin-right:16px}.legend i{display:inline-block;width:18px;height:4px;"
      "margin-right:5px;vertical-align:middle}\n"
      "</style></head><body>\n<h1>Straja evaluation</h1>\n<p>Truth <code>" +
      io::escape_html(inputs.truth_path) + "</code>, tracks <code>" +
      io::escape_html(inputs.tracks_path) + "</code>";
  if (!inputs.plots_path.empty()) {
    out += ", coverage from plots <code>" + io::escape_html(inputs.plots_path) + "</code>";
  }
  out += ". " + std::to_string(s.frames.size()) + " scoring times over " + fixed(t1 - t0, 0) +
         " s; " + std::to_string(s.truth_ids) + " targets, " + std::to_string(s.track_ids) +
         " track ids. Distances " +
         std::string(config.horizontal || !data.three_d ? "horizontal" : "3D") +
         "; GOSPA c = " + fixed(config.gospa.cutoff_m, 0) +
         " m, p = " + fixed(config.gospa.order, 0) + ", alpha = 2.</p>\n";

  out += "<h2>Key figures</h2>\n<table>\n";
  const std::vector<std::pair<std::string, std::string>> figures = {
      {"GOSPA mean (m)", fixed(s.gospa_mean, 1)},
      {"GOSPA localisation RMS (m)", fixed(s.gospa_loc_rms_m, 1)},
      {"missed targets per scoring time", fixed(s.missed_mean, 2)},
      {"false tracks per scoring time", fixed(s.false_mean, 2)},
      {"OSPA mean (m)", fixed(s.ospa_mean, 1)},
      {"completeness", fixed(s.completeness, 3)},
      {"ambiguity", fixed(s.ambiguity, 3)},
      {"spuriousness", fixed(s.spuriousness, 3)},
      {"track switches", std::to_string(s.track_switches)},
      {"track-number changes", std::to_string(s.track_number_changes)},
      {"RMS horizontal error (m)", fixed(s.rms_horizontal_m, 1)},
      {"RMS vertical error (m)", fixed(s.rms_vertical_m, 1)},
      {"RMS velocity error (m/s)", fixed(s.rms_velocity_mps, 2)},
      {"longest track segment (mean fraction)", fixed(s.longest_segment_mean, 3)},
      {"time to confirm (mean, s)", fixed(s.time_to_confirm_mean_s, 1)},
      {"false track ids", std::to_string(s.false_track_ids)},
      {"PCRLB position bound, RMS (m)", fixed(s.pcrlb_rms_m, 1)},
      {"efficiency: RMS error / PCRLB (mean over targets)", fixed(s.efficiency_mean, 2)},
  };
  for (const auto& [name, value] : figures) {
    out += "<tr><td>" + io::escape_html(name) + "</td><td class=\"n\">" + value + "</td></tr>\n";
  }
  out += "</table>\n";

  out +=
      "<h2>Requirements</h2>\n<table data-table=\"requirements\">\n"
      "<tr><th>requirement</th><th>measured</th><th>threshold</th><th>verdict</th></tr>\n";
  for (const RequirementResult& r : s.requirements) {
    const int verdict = r.verdict();
    out += "<tr><td>" + io::escape_html(r.description) + "</td><td class=\"n\">" +
           fixed(r.measured, 4) + "</td><td class=\"n\">" + (r.at_least ? "&ge; " : "&le; ") +
           fixed(r.threshold, 3) + "</td><td class=\"" +
           (verdict == 1   ? "pass\">pass"
            : verdict == 0 ? "fail\">FAIL"
                           : "na\">n/a") +
           "</td></tr>\n";
  }
  out += "</table>\n";

  out += "<h2>GOSPA over time</h2>\n" + gospa_chart(s, config, t0);
  out += "<h2>Targets and tracks over time</h2>\n" + count_chart(s, t0);
  out += "<h2>Error per target</h2>\n" + target_error_chart(s);
  out += "<h2>Track and truth timelines</h2>\n" + timeline_chart(s, t0, t1);
  out += "<h2>Map of tracks over truth</h2>\n" + map_chart(data);
  out += "</body></html>\n";
  return out;
}

}  // namespace straja::evaluation
