// straja-coverage: the coverage audit (`straja coverage` runs this executable from its own
// directory with the same arguments). A separate executable because it links GDAL for GeoTIFF
// DEMs, which no other command needs at start-up.

#include <iostream>

#include "cli/commands.h"
#include "cli/version.h"

int main(int argc, char** argv) {
  CLI::App app{"Straja coverage audit", "straja coverage"};
  app.failure_message([](const CLI::App*, const CLI::Error& error) {
    return "straja coverage: " + std::string(error.what()) + " (see straja coverage --help)\n";
  });
  app.set_version_flag("--version", std::string(straja::cli::kVersion));
  straja::cli::configure_coverage_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : straja::cli::kExitUsage;
  } catch (const straja::cli::CommandFailed& failure) {
    std::cerr << "straja coverage: " << failure.what() << '\n';
    return failure.exit_code();
  }
  return 0;
}
