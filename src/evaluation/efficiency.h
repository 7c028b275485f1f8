#pragma once
// The tracker's efficiency against the PCRLB (pcrlb.h) on a simulated run: for each target, the
// bound is run along its true trajectory with every measurement opportunity of every sensor in
// sensors.yaml (each rotation of a radar, each update interval of an ADS-B station, while the
// target is within the sensor's range and above its horizontal plane), each weighted by the
// sensor's information-reduction factor; Pd and the clutter density per sensor are estimated from
// plots.csv when given (detections over opportunities; false plots per scan over the measurement
// space), else Pd = 1 without clutter. The bound is read at the times the target had an
// associated track; efficiency = RMS error / sqrt(mean bound). For targets flying straighter than
// the model's random acceleration assumes, a tracker can beat the bound (efficiency < 1).

#include <optional>
#include <string>

#include "core/result.h"
#include "evaluation/metrics.h"
#include "io/sensors_file.h"

namespace straja::evaluation {

struct PcrlbSettings {
  /// m^2/s^3: process noise of the bound's CV model, horizontal and vertical axes (the
  /// tracker's default nearly-constant-velocity model, so the bound and the filter agree).
  double accel_psd_horizontal = 1.0;
  double accel_psd_vertical = 0.1;
  double adsb_sigma_h_m = 30.0;       ///< ADS-B horizontal position error (1 sigma, per axis)
  double adsb_sigma_v_m = 15.0;       ///< ADS-B (geometric) height error
  double ssr_altitude_sigma_m = 9.0;  ///< Mode C/S altitude: 25 ft quantisation and rounding
};

/// Per sensor, as estimated from plots.csv (or assumed without it).
struct SensorDetectionModel {
  double pd = 1.0;
  double clutter_per_scan = 0.0;
  double first_time_s = 0.0;  ///< phase of the sensor's scans (first plot), 0 when unknown
  bool phase_known = false;
};

/// Fills TargetScore::pcrlb_rms_m / efficiency and the summary's pcrlb_rms_m / efficiency_mean.
/// Errors: geodetic data needed (not bench2d), an unreadable plots file.
Status add_pcrlb_efficiency(const ScoringData& data, const io::SensorsFile& sensors,
                            const std::optional<std::string>& plots_path,
                            const PcrlbSettings& settings, bool horizontal,
                            EvaluationSummary& summary);

}  // namespace straja::evaluation
