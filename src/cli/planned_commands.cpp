// Subcommands whose full implementation is still to come. Each keeps its final name and --help
// text, and exits with kExitNotImplemented and one line saying so.

#include "cli/commands.h"

namespace straja::cli {
namespace {

void add_planned(CLI::App& app, const std::string& name, const std::string& description) {
  CLI::App* command = app.add_subcommand(name, description + " (not implemented yet)");
  command->allow_extras();
  command->callback([name] {
    throw CommandFailed(kExitNotImplemented,
                        name +
                            ": not implemented yet in this version; see `straja demo` for the "
                            "end-to-end pipeline that exists today");
  });
}

}  // namespace

void add_planned_commands(CLI::App& app) {
  add_planned(app, "serve", "Serve the live air picture from a live source or a recording");
}

}  // namespace straja::cli
