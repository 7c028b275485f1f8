// fuzz_replay NAME DIR...: runs the registered fuzz target NAME over every file under each DIR
// (its corpus), so the default test suite re-checks every input the fuzzers ever kept. Exit 0
// when all ran, 2 for usage errors; a failing input aborts (the test fails and names the file).

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "fuzz_target.h"

namespace straja::fuzz {

namespace {
std::map<std::string, TargetBody, std::less<>>& registry() {
  static std::map<std::string, TargetBody, std::less<>> targets;
  return targets;
}
}  // namespace

bool register_target(std::string_view name, TargetBody body) {
  registry().emplace(std::string(name), body);
  return true;
}

}  // namespace straja::fuzz

int main(int argc, char** argv) {
  const auto& targets = straja::fuzz::registry();
  if (argc < 3 || targets.find(argv[1]) == targets.end()) {
    std::fprintf(stderr, "usage: fuzz_replay NAME DIR...; targets:");
    for (const auto& [name, body] : targets) std::fprintf(stderr, " %s", name.c_str());
    std::fprintf(stderr, "\n");
    return 2;
  }
  const straja::fuzz::TargetBody body = targets.find(argv[1])->second;
  std::vector<std::filesystem::path> files;
  for (int i = 2; i < argc; ++i) {
    if (!std::filesystem::is_directory(argv[i])) {
      std::fprintf(stderr, "fuzz_replay: no corpus directory '%s'\n", argv[i]);
      return 2;
    }
    for (const auto& entry : std::filesystem::recursive_directory_iterator(argv[i])) {
      if (entry.is_regular_file()) files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                          std::istreambuf_iterator<char>());
    std::fprintf(stderr, "%s\n", path.c_str());  // the last line names the input if it aborts
    body(bytes.data(), bytes.size());
  }
  std::printf("fuzz_replay %s: %zu inputs, all passed\n", argv[1], files.size());
  return files.empty() ? 2 : 0;
}
