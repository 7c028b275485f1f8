#include "server/static_files.h"

#include <algorithm>
#include <array>
#include <utility>

namespace straja::server {

namespace fs = std::filesystem;

namespace {

std::optional<fs::path> existing_directory(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return std::nullopt;
  fs::path canonical = fs::canonical(path, ec);
  if (ec) return std::nullopt;
  return canonical;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// True when `path` is `root` or below it (both canonical).
bool inside(const fs::path& root, const fs::path& path) {
  const auto [root_end, path_end] =
      std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return root_end == root.end();
}

}  // namespace

WebRootChoice find_web_root(const std::string& explicit_root, const char* env_root,
                            const fs::path& executable) {
  WebRootChoice choice;
  if (!explicit_root.empty()) {
    choice.from = "--web-root";
    choice.root = existing_directory(explicit_root);
    if (!choice.root) choice.problem = "--web-root " + explicit_root + ": not a directory";
    return choice;
  }
  if (env_root != nullptr && *env_root != '\0') {
    choice.from = "STRAJA_WEB_ROOT";
    choice.root = existing_directory(env_root);
    if (!choice.root)
      choice.problem = std::string("STRAJA_WEB_ROOT=") + env_root + ": not a directory";
    return choice;
  }
  if (!executable.empty()) {
    choice.root = existing_directory(executable.parent_path() / ".." / "web");
    if (choice.root) choice.from = "executable";
  }
  return choice;
}

fs::path current_executable() {
  std::error_code ec;
  fs::path path = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path{} : path;
}

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      c = static_cast<char>(high * 16 + low);
      i += 2;
    }
    if (c == '\0') return std::nullopt;
    out.push_back(c);
  }
  return out;
}

std::optional<std::string> query_parameter(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    const std::size_t eq = pair.find('=');
    if (pair.substr(0, eq) != name) continue;
    std::string value(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1));
    std::replace(value.begin(), value.end(), '+', ' ');
    return percent_decode(value);
  }
  return std::nullopt;
}

std::string_view content_type_for(std::string_view file_name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 18> kTypes{{
      {".html", "text/html; charset=utf-8"},
      {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".wasm", "application/wasm"},
      {".txt", "text/plain; charset=utf-8"},
      {".pbf", "application/x-protobuf"},
      {".webp", "image/webp"},
      {".geojson", "application/geo+json"},
  }};
  for (const auto& [extension, type] : kTypes) {
    if (file_name.size() > extension.size() && file_name.ends_with(extension)) return type;
  }
  return "application/octet-stream";
}

StaticFile resolve_static_file(const fs::path& root, std::string_view url_path) {
  const auto decoded = percent_decode(url_path);
  if (!decoded || decoded->empty() || decoded->front() != '/')
    return {StaticStatus::kBadRequest, {}};
  fs::path relative;
  std::string_view rest = *decoded;
  while (!rest.empty()) {
    const std::size_t separator = rest.find_first_of("/\\");
    const std::string_view segment = rest.substr(0, separator);
    rest = separator == std::string_view::npos ? std::string_view{} : rest.substr(separator + 1);
    if (segment == "..") return {StaticStatus::kBadRequest, {}};
    if (segment.empty() || segment == ".") continue;
    relative /= fs::path(std::string(segment));
  }
  fs::path candidate = root / relative;
  std::error_code ec;
  if (fs::is_directory(candidate, ec)) candidate /= "index.html";
  fs::path canonical = fs::canonical(candidate, ec);
  if (ec || !inside(root, canonical) || !fs::is_regular_file(canonical, ec)) {
    return {StaticStatus::kNotFound, {}};
  }
  return {StaticStatus::kOk, std::move(canonical)};
}

}  // namespace straja::server
