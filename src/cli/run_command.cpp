// straja run CONFIG.yaml: live inputs -> tracking and fusion -> outputs and the picture server,
// until stopped (SIGINT/SIGTERM), with every raw input recorded before decoding and a status line
// on stderr (docs/formats/run-config.md).

#include <atomic>
#include <chrono>
#include <csignal>
#include <ctime>
#include <memory>

#include "cli/commands.h"
#include "cli/live_run.h"
#include "cli/run_config.h"
#include "cli/server_options.h"

namespace straja::cli {
namespace {

std::atomic<bool> g_run_stop{false};
extern "C" void on_run_stop_signal(int) {
  g_run_stop.store(true);
}

std::string utc_stamp_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
  return stamp;
}

}  // namespace

void add_run_command(CLI::App& app) {
  auto config = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand(
      "run",
      "Run live until stopped: inputs -> tracking -> outputs and the live picture, every raw "
      "input recorded (docs/formats/run-config.md)");
  command->add_option("config", *config, "CONFIG.yaml")->required();
  command->callback([config] {
    auto options = read_run_config(*config, utc_stamp_now());
    if (!options) throw CommandFailed(kExitUsage, "run: " + options.error().message);
    configure_logging();
    std::signal(SIGINT, on_run_stop_signal);
    std::signal(SIGTERM, on_run_stop_signal);
    run_live(*options, g_run_stop);
  });
}

}  // namespace straja::cli
