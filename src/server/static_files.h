#pragma once
// Static files of the built front end (docs/formats/picture-api.md, "Static root"): where the web
// root is, and which file a request path names inside it, refusing anything that would leave it.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace straja::server {

/// The web root: `explicit_root` when not empty, else the directory in `env_root` (the value of
/// STRAJA_WEB_ROOT, may be null), else `<directory of executable>/../web`. The first that is set
/// is the answer when it is a directory; an explicit root or variable naming something that is
/// not a directory gives nothing (the caller reports it); the executable's neighbour is simply
/// skipped when absent.
struct WebRootChoice {
  std::optional<std::filesystem::path> root;  ///< canonical
  std::string from;                           ///< "--web-root", "STRAJA_WEB_ROOT", "executable"
  std::string problem;                        ///< set when a given root is not a directory
};
WebRootChoice find_web_root(const std::string& explicit_root, const char* env_root,
                            const std::filesystem::path& executable);

/// The running executable (/proc/self/exe), or empty.
std::filesystem::path current_executable();

/// Percent-decodes a URL path ("%2e" -> "."); nothing for a malformed escape or a decoded NUL.
std::optional<std::string> percent_decode(std::string_view text);

/// The value of query parameter `name` ("a=1&token=x" -> "x"), percent-decoded ('+' is a space).
std::optional<std::string> query_parameter(std::string_view query, std::string_view name);

/// The Content-Type for a file name by its extension (application/octet-stream when unknown).
std::string_view content_type_for(std::string_view file_name);

enum class StaticStatus : std::uint8_t { kOk, kBadRequest, kNotFound };

struct StaticFile {
  StaticStatus status = StaticStatus::kNotFound;
  std::filesystem::path path;  ///< the file to serve when kOk (canonical, inside the root)
};

/// The file a request path (without query, still percent-encoded) names under `root`
/// (canonical). "/" and directories map to their index.html. kBadRequest for a malformed escape
/// or any ".." segment (after decoding; "\" counts as a separator); kNotFound when nothing is
/// there or the canonical path leaves the root (a symbolic link pointing outside).
StaticFile resolve_static_file(const std::filesystem::path& root, std::string_view url_path);

}  // namespace straja::server
