// Any bytes given as a sensors file, a tracker configuration or an evaluation configuration yield
// a value or an Error with a message, never a crash or a hang.
#include <cstddef>
#include <cstdint>
#include <string>

#include "evaluation/eval_config.h"
#include "fuzz_target.h"
#include "io/sensors_file.h"
#include "tracking/tracker_config.h"

STRAJA_FUZZ_TARGET("config_yaml") {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto sensors = straja::io::parse_sensors_file(text, "sensors.yaml");
  if (!sensors.ok() && sensors.error().message.empty()) __builtin_trap();
  const auto tracker = straja::tracking::parse_tracker_config(text, "tracker.yaml");
  if (!tracker.ok() && tracker.error().message.empty()) __builtin_trap();
  const auto eval = straja::evaluation::parse_eval_config(text, "eval.yaml");
  if (!eval.ok() && eval.error().message.empty()) __builtin_trap();
  return 0;
}
