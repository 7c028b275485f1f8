#pragma once
// Files for the end-to-end tests: a fresh temporary directory per test process, and whole files
// read back.

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace straja::testing {

/// TMPDIR/straja-GROUP-NAME-PID, emptied and created: unique to this process, so tests of one
/// executable run in parallel by ctest never share one.
inline std::filesystem::path fresh_dir(const std::string& group, const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("straja-" + group + "-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// The whole file as text (empty when it cannot be read).
inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The whole file as octets (empty when it cannot be read).
inline std::vector<std::uint8_t> read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace straja::testing
