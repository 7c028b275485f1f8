#pragma once
// Runs a shell command line for the end-to-end tests and captures its output and exit status.

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace straja::testing {

struct ProcessResult {
  int exit_code = -1;
  std::string output;  ///< stdout and stderr together
};

inline ProcessResult run_process(const std::string& command_line) {
  ProcessResult result;
  FILE* pipe = ::popen((command_line + " 2>&1 </dev/null").c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.output.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

/// The straja binary under test (set by ctest), quoted for the shell.
inline std::string straja_binary() {
  const char* path = std::getenv("STRAJA_BIN");
  return std::string("'") + (path != nullptr ? path : "straja") + "'";
}

}  // namespace straja::testing
