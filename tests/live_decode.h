#pragma once
// `straja decode` on a live UDP input, run in the background for the end-to-end tests: its output
// goes to a file, the "listening on" line gives the bound port.

#include <signal.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <thread>

#include "run_process.h"

namespace straja::testing {

class LiveDecode {
 public:
  /// Starts `straja decode ARGS` with stdout and stderr to `output`.
  LiveDecode(const std::filesystem::path& output, const std::string& args) : output_(output) {
    const std::string command =
        straja_binary() + " decode " + args + " >" + output_.string() + " 2>&1 & echo $!";
    FILE* pipe = ::popen(command.c_str(), "r");
    char buffer[64] = {};
    if (std::fgets(buffer, sizeof buffer, pipe) != nullptr) pid_ = std::atoi(buffer);
    ::pclose(pipe);
  }
  /// Waits (bounded) for the port in "listening on udp://A.B.C.D:PORT"; 0 if it never comes.
  int port() const {
    const std::regex listening(R"(listening on udp://[0-9.]+:([0-9]+))");
    for (int i = 0; i < 500; ++i) {
      std::smatch match;
      const std::string text = output();
      if (std::regex_search(text, match, listening)) return std::stoi(match[1]);
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return 0;
  }
  /// Waits (bounded) for the process to end; returns its output.
  std::string finish() const {
    for (int i = 0; i < 1000 && ::kill(pid_, 0) == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return output();
  }
  std::string output() const {
    std::ifstream in(output_);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

 private:
  std::filesystem::path output_;
  int pid_ = 0;
};

}  // namespace straja::testing
