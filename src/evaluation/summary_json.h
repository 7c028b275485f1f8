#pragma once
// The evaluation summary as JSON (`straja eval --json`): stable key names, every key always
// present, null where a figure does not apply. Documented in docs/formats/eval-summary.md.

#include <nlohmann/json.hpp>

#include "evaluation/metrics.h"

namespace straja::evaluation {

/// A figure as JSON: null where it does not apply (NaN).
nlohmann::ordered_json json_number(double value);

nlohmann::ordered_json summary_json(const EvaluationSummary& summary, const ScoringData& data,
                                    const EvaluationConfig& config);

}  // namespace straja::evaluation
