#include <GeographicLib/Config.h>

#include <Eigen/Core>
#include <boost/version.hpp>
#include <iostream>

#include "cli/commands.h"
#include "cli/version.h"

namespace straja::cli {

void add_version_command(CLI::App& app) {
  CLI::App* command = app.add_subcommand("version", "Print the version and the libraries built in");
  command->callback([] {
    std::cout << "straja " << kVersion << "\n"
              << "  Eigen " << EIGEN_WORLD_VERSION << '.' << EIGEN_MAJOR_VERSION << '.'
              << EIGEN_MINOR_VERSION << ", GeographicLib " << GEOGRAPHICLIB_VERSION_STRING
              << ", Boost " << BOOST_VERSION / 100000 << '.' << BOOST_VERSION / 100 % 1000
              << ", CLI11 " << CLI11_VERSION << '\n';
  });
}

}  // namespace straja::cli
