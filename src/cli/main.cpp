// straja: the command-line entry point. Each subcommand lives in its own *_command.cpp.

#include <iostream>

#include "cli/commands.h"
#include "cli/version.h"

int main(int argc, char** argv) {
  CLI::App app{"Straja: radar plots, ADS-B and partner feeds into one recognised air picture",
               "straja"};
  app.require_subcommand(1);
  app.failure_message([](const CLI::App*, const CLI::Error& error) {
    return "straja: " + std::string(error.what()) + " (see straja --help)\n";
  });
  app.set_version_flag("--version", std::string(straja::cli::kVersion));
  straja::cli::add_demo_command(app);
  straja::cli::add_simulate_command(app);
  straja::cli::add_track_command(app);
  straja::cli::add_decode_command(app);
  straja::cli::add_eval_command(app);
  straja::cli::add_serve_command(app);
  straja::cli::add_replay_command(app);
  straja::cli::add_run_command(app);
  straja::cli::add_coverage_command(app);
  straja::cli::add_version_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help and --version end here with 0; every usage error exits 2 (the documented status of
    // every subcommand for "usage or file errors"), not CLI11's own codes.
    return app.exit(error) == 0 ? 0 : straja::cli::kExitUsage;
  } catch (const straja::cli::CommandFailed& failure) {
    std::cerr << "straja: " << failure.what() << '\n';
    return failure.exit_code();
  }
  return 0;
}
