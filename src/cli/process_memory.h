#pragma once
// This process's memory as the kernel accounts it (Linux /proc/self/status), for the soak
// measurements of `straja demo --memory-log`.

#include <optional>

namespace straja::cli {

struct ProcessMemory {
  long long resident_kib = 0;  ///< VmRSS: resident set now
  long long peak_kib = 0;      ///< VmHWM: the resident set's high-water mark
};

/// The current figures; nullopt where /proc/self/status is missing or lacks them.
std::optional<ProcessMemory> process_memory();

}  // namespace straja::cli
