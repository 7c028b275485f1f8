// `straja coverage`: runs the straja-coverage executable that sits beside straja (same
// directory) with the same arguments, so GDAL (GeoTIFF DEMs) is loaded only by the coverage audit.

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "cli/commands.h"

namespace straja::cli {

void add_coverage_command(CLI::App& app) {
  CLI::App* command =
      app.add_subcommand("coverage",
                         "Coverage audit per altitude layer and RCS, gaps and next-site suggestion "
                         "(straja coverage --help)");
  command->prefix_command();
  command->set_help_flag();  // --help goes to straja-coverage
  command->callback([command] {
    std::error_code error;
    std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    const std::filesystem::path program = self.parent_path() / "straja-coverage";
    std::vector<std::string> arguments = {program.string()};
    for (const std::string& argument : command->remaining()) arguments.push_back(argument);
    std::vector<char*> argv;
    for (std::string& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    ::execv(program.c_str(), argv.data());
    throw CommandFailed(kExitUsage, "coverage: cannot run " + program.string() + ": " +
                                        std::strerror(errno) +
                                        " (build the straja-coverage target)");
  });
}

}  // namespace straja::cli
