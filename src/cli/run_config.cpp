// `straja run` configuration (cli/run_config.h, docs/formats/run-config.md).

#include "cli/run_config.h"

#include <filesystem>

#include "cli/track_outputs.h"
#include "io/yaml_fields.h"

namespace straja::cli {
namespace {

namespace fs = std::filesystem;

/// A path from the file: absolute as given, relative ones from the file's directory.
std::string from_config_dir(const fs::path& config_dir, const std::string& path) {
  const fs::path given(path);
  if (given.is_absolute() || config_dir.empty()) return given.string();
  return (config_dir / given).lexically_normal().string();
}

bool is_network_target(const std::string& target) {
  return target.starts_with("udp://");
}

}  // namespace

Result<LiveRunOptions> read_run_config(const std::string& path, const std::string& now_utc_stamp) {
  const fs::path config_dir = fs::path(path).parent_path();
  return io::read_yaml_file<LiveRunOptions>(path, [&](const io::YamlMap& root) {
    LiveRunOptions options;
    options.command = "run";
    options.inputs = root.texts("inputs");
    if (options.inputs.empty()) root.fail("inputs", "give at least one udp://GROUP:PORT input");
    for (const std::string& input : options.inputs) {
      if (!is_network_target(input)) {
        root.fail("inputs", "'" + input + "' is not udp://GROUP:PORT[@IFACE]");
      }
    }
    options.sensors = from_config_dir(config_dir, root.text("sensors"));
    if (root.has("tracker")) {
      options.tracker_config = from_config_dir(config_dir, root.text("tracker"));
    }
    options.date = root.text_or("date", "");
    const std::string record = root.text_or("record", "auto");
    if (record == "auto") {
      options.record = "straja-run-" + now_utc_stamp + ".rec";
    } else if (record != "off") {
      options.record = from_config_dir(config_dir, record);
    }
    for (const std::string& output : root.texts("outputs")) {
      options.outputs.push_back(is_network_target(output) ? output
                                                          : from_config_dir(config_dir, output));
    }
    options.output_period_s = root.positive_or("output_period_s", options.output_period_s);
    options.status_period_s = root.positive_or("status_period_s", 5.0);
    options.max_latency_s = root.number_or("max_latency_s", options.max_latency_s);
    if (!(options.max_latency_s >= 0.0 && options.max_latency_s <= 60.0)) {
      root.fail("max_latency_s", "must lie in [0, 60] s");
    }
    if (root.has("sdps")) {
      const std::string text = root.text("sdps");
      const auto sdps = parse_sac_sic(text);
      if (!sdps) root.fail("sdps", "expected SAC/SIC (each 0..255), got '" + text + "'");
      options.sdps = *sdps;
    }
    if (root.has("server")) {
      const io::YamlMap server = root.map("server");
      options.server.bind = server.text_or("bind", options.server.bind);
      const std::int64_t port = server.integer_or("port", options.server.port);
      if (port < 0 || port > 65535) server.fail("port", "must be 0-65535");
      options.server.port = static_cast<int>(port);
      options.server.ws_rate_hz = server.positive_or("ws_rate_hz", options.server.ws_rate_hz);
      if (server.has("web_root")) {
        options.server.web_root = from_config_dir(config_dir, server.text("web_root"));
      }
      if (server.has("coverage")) {
        options.server.coverage_dir = from_config_dir(config_dir, server.text("coverage"));
      }
      server.reject_unknown_keys();
    }
    root.reject_unknown_keys();
    return options;
  });
}

}  // namespace straja::cli
