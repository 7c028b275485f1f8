#include "cli/server_options.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>

#include "cli/commands.h"
#include "server/access_token.h"
#include "server/coverage_layers.h"
#include "server/static_files.h"

namespace straja::cli {

void add_server_options(CLI::App& command, ServerArguments& args) {
  command
      .add_option("--bind", args.bind,
                  "Address to listen on, IPv4 or IPv6 literal; any other than 127.0.0.1 or ::1 "
                  "requires an access token")
      ->capture_default_str();
  command.add_option("--port", args.port, "HTTP port of the live picture")
      ->check(CLI::Range(1, 65535))
      ->capture_default_str();
  command.add_option("--token", args.token,
                     "Access token required from every client (default: STRAJA_TOKEN from the "
                     "environment, else none on loopback, generated and printed once otherwise)");
  command.add_option("--ws-rate", args.ws_rate_hz, "WebSocket track deltas per second")
      ->check(CLI::Range(0.01, 50.0))
      ->capture_default_str();
  command.add_option("--web-root", args.web_root,
                     "The built front end (default: STRAJA_WEB_ROOT, then ../web beside the "
                     "executable, else an embedded page)");
  command.add_option("--coverage", args.coverage_dir,
                     "A `straja coverage --out` directory: its GeoJSON layers are listed at "
                     "/api/coverage and the page can overlay one");
}

void configure_logging() {
  static const bool done = [] {
    auto logger = spdlog::stderr_logger_mt("straja");
    logger->set_pattern("time=%Y-%m-%dT%H:%M:%S.%eZ level=%l %v", spdlog::pattern_time_type::utc);
    spdlog::set_default_logger(logger);
    return true;
  }();
  (void)done;
}

server::ServerOptions resolve_server_options(const ServerArguments& args, bool& generated_token) {
  server::ServerOptions options;
  options.bind_address = args.bind;
  options.port = static_cast<std::uint16_t>(args.port);
  options.ws_rate_hz = args.ws_rate_hz;
  options.token = args.token;
  // From the environment, a token stays out of the process list (a systemd EnvironmentFile).
  if (const char* from_environment = std::getenv("STRAJA_TOKEN");
      options.token.empty() && from_environment != nullptr) {
    options.token = from_environment;
  }
  generated_token = false;
  if (options.token.empty() && !server::is_default_loopback(args.bind)) {
    options.token = server::generate_token();
    generated_token = true;
  }
  const server::WebRootChoice root = server::find_web_root(
      args.web_root, std::getenv("STRAJA_WEB_ROOT"), server::current_executable());
  if (!root.problem.empty()) throw CommandFailed(kExitUsage, root.problem);
  options.web_root = root.root;
  if (!args.coverage_dir.empty()) {
    const auto load = server::load_coverage_catalog(args.coverage_dir);
    if (!load.ok()) throw CommandFailed(kExitUsage, "--coverage: " + load.error().message);
    if (load->files_skipped > 0 || load->features_skipped > 0) {
      std::fprintf(stderr,
                   "warning: --coverage: %zu of %zu files and %zu features skipped; first: %s\n",
                   load->files_skipped, load->files_read, load->features_skipped,
                   load->first_problem.c_str());
    }
    options.coverage = load->catalog;
  }
  return options;
}

void start_and_announce(server::PictureServer& server, const server::ServerOptions& options,
                        bool generated_token) {
  const Status started = server.start();
  if (!started.ok()) throw CommandFailed(kExitUsage, started.error().message);
  if (generated_token) {
    std::printf("Live air picture: %s?token=%s\n", server.url().c_str(), options.token.c_str());
  } else if (!options.token.empty()) {
    std::printf("Live air picture: %s (access token required)\n", server.url().c_str());
  } else {
    std::printf("Live air picture: %s\n", server.url().c_str());
  }
  if (!options.web_root) {
    std::printf("  (the web front end is not built: the page says so; `make build` builds it)\n");
  }
  std::fflush(stdout);
}

}  // namespace straja::cli
