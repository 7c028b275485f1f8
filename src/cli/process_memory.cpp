#include "cli/process_memory.h"

#include <fstream>
#include <sstream>
#include <string>

namespace straja::cli {

std::optional<ProcessMemory> process_memory() {
  std::ifstream status("/proc/self/status");
  if (!status) return std::nullopt;
  ProcessMemory memory;
  bool resident = false;
  bool peak = false;
  std::string line;
  while (std::getline(status, line)) {
    std::istringstream fields(line);
    std::string key;
    long long kib = 0;
    if (!(fields >> key >> kib)) continue;
    if (key == "VmRSS:") {
      memory.resident_kib = kib;
      resident = true;
    } else if (key == "VmHWM:") {
      memory.peak_kib = kib;
      peak = true;
    }
  }
  if (!resident || !peak) return std::nullopt;
  return memory;
}

}  // namespace straja::cli
