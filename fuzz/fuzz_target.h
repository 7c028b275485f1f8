#pragma once
// A fuzz target is written once and built two ways:
//  - with the fuzz preset (clang, -fsanitize=fuzzer), the body is LLVMFuzzerTestOneInput;
//  - into the `fuzz_replay` binary of the default test suite (STRAJA_FUZZ_REPLAY), where each
//    body registers under its name and runs over its committed corpus (fuzz/corpus/<name>/).
// A target must never crash, hang or read out of bounds, whatever the bytes; it aborts when a
// property it checks does not hold.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace straja::fuzz {
using TargetBody = int (*)(const std::uint8_t* data, std::size_t size);
bool register_target(std::string_view name, TargetBody body);
}  // namespace straja::fuzz

#define STRAJA_FUZZ_CONCAT_(a, b) a##b
#define STRAJA_FUZZ_CONCAT(a, b) STRAJA_FUZZ_CONCAT_(a, b)

#ifdef STRAJA_FUZZ_REPLAY
#define STRAJA_FUZZ_TARGET(name)                                                             \
  static int straja_fuzz_body(const std::uint8_t* data, std::size_t size);                   \
  [[maybe_unused]] static const bool STRAJA_FUZZ_CONCAT(straja_fuzz_registered_, __LINE__) = \
      ::straja::fuzz::register_target(name, straja_fuzz_body);                               \
  static int straja_fuzz_body(const std::uint8_t* data, std::size_t size)
#else
#define STRAJA_FUZZ_TARGET(name) \
  extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
#endif
