#pragma once
// The `stress` generator: a synthetic scenario of N targets watched by M 3D primary radars, for
// the tracker's benchmarks and the simulator's throughput. Built directly as a Scenario value
// (what the scenario reader would make of it, defaults included); stress_scenario_yaml() writes
// that value as scenario YAML (docs/formats/scenario.md), which the strict reader turns back into
// the very same scenario (numbers are generated rounded to the text's 10 significant digits), so
// what it makes can be saved, read and edited like any scenario.
//
// Layout (deterministic for given parameters): the radars (GM200-class psr3d defaults, 300 m
// antennas) evenly on a circle of 80 km around 47.0N 28.5E (one radar: at the centre), the
// targets spread uniformly over the disc of 150 km around it, so that every target starts within
// every radar's 250 km. Classes are drawn from a mix of all eight (airliners most often), with
// heights, speeds and headings drawn within each class's limits; one target in four turns once
// (at its class's default rate) after a random straight stretch. Airliners and business jets
// carry Mode S and ADS-B, light aircraft Mode A/C, the rest nothing.

#include <cstdint>
#include <string>

#include "core/result.h"
#include "simulation/scenario.h"

namespace straja::sim {

struct StressParameters {
  int targets = 1000;                   ///< N, [0, 100'000]
  int radars = 4;                       ///< M, [1, 64]
  double duration_s = 600.0;            ///< (0, 86'400]
  double false_alarms_per_scan = 10.0;  ///< per radar rotation (psr3d default), [0, 1e6]
  std::uint64_t seed = 1;
};

/// The generated scenario (name "stress", source "built-in:stress"). Parameters out of their
/// ranges are an error naming the parameter.
Result<Scenario> stress_scenario(const StressParameters& parameters);
/// The same scenario as YAML text: parse_scenario() of it equals stress_scenario().
Result<std::string> stress_scenario_yaml(const StressParameters& parameters);

}  // namespace straja::sim
