#pragma once
// One function per subcommand: each registers its options on the parent App and sets the
// callback that runs it. A callback reports failure by throwing CommandFailed (exit code and one
// line for the user); main() turns that into the process exit status.

#include <CLI/CLI.hpp>
#include <stdexcept>
#include <string>

namespace straja::cli {

/// Thrown by a command to end the program with `exit_code` after printing `what()` on stderr.
class CommandFailed : public std::runtime_error {
 public:
  CommandFailed(int exit_code, const std::string& message)
      : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

// Exit status of every subcommand.
inline constexpr int kExitDataErrors = 1;      ///< ran to the end, but some input was bad (skipped)
inline constexpr int kExitUsage = 2;           ///< bad option or value, or a file/scenario unusable
inline constexpr int kExitNotImplemented = 3;  ///< a subcommand a later release fills

void add_demo_command(CLI::App& app);
void add_simulate_command(CLI::App& app);
void add_track_command(CLI::App& app);
void add_decode_command(CLI::App& app);
void add_eval_command(CLI::App& app);
void add_serve_command(CLI::App& app);
void add_replay_command(CLI::App& app);
void add_run_command(CLI::App& app);
void add_coverage_command(CLI::App& app);  // runs straja-coverage (coverage_forward.cpp)
/// The coverage audit's options and run, on the straja-coverage executable's App.
void configure_coverage_command(CLI::App& app);
void add_version_command(CLI::App& app);

/// Parses --speed: "max" (as fast as possible: returns 0) or a positive factor.
double parse_speed(const std::string& text);

}  // namespace straja::cli
