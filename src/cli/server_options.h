#pragma once
// The options every command that serves the live picture shares (`straja demo`, `straja serve`):
// --bind, --port, --token, --ws-rate, --web-root, --coverage, and what they turn into: the server's
// options (web root found, token generated when needed) and the line that tells the user where to
// look.

#include <CLI/CLI.hpp>
#include <string>

#include "server/picture_server.h"

namespace straja::cli {

struct ServerArguments {
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string token;
  double ws_rate_hz = 1.0;
  std::string web_root;
  std::string coverage_dir;  ///< a `straja coverage --out` directory whose layers the page overlays
};

void add_server_options(CLI::App& command, ServerArguments& args);

/// Sets up the structured log (one line per event on stderr: time, level, key=value fields).
void configure_logging();

/// The server's options. The token is --token, else a non-empty STRAJA_TOKEN environment
/// variable; a bind address other than 127.0.0.1/::1 without either gets a random token
/// (`generated` set). Throws CommandFailed (2) for a --web-root or STRAJA_WEB_ROOT that is
/// not a directory, and for a --coverage directory without coverage layers (malformed layer files
/// in it are skipped with one warning on stderr).
server::ServerOptions resolve_server_options(const ServerArguments& args, bool& generated_token);

/// Starts the server and prints "Live air picture: URL" on stdout (with ?token=... when the token
/// was generated: printed this once). Throws CommandFailed (2) when it cannot listen.
void start_and_announce(server::PictureServer& server, const server::ServerOptions& options,
                        bool generated_token);

}  // namespace straja::cli
