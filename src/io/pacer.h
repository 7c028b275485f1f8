#pragma once
// Pacing against the wall clock: simulated instant t is released at
//   wall_origin + (t - sim_origin) / speed
// computed from the two origins for every instant, so sleep overshoot and slow work never
// accumulate (a late release makes the next ones no later). Speed 0 releases everything at once.

#include <chrono>
#include <functional>

#include "core/time.h"

namespace straja::io {

class Pacer {
 public:
  using Clock = std::chrono::steady_clock;

  /// `speed`: simulated seconds per wall-clock second (1 real time, 10 ten times faster); 0 (or
  /// less) for no pacing.
  Pacer(double speed, Time sim_origin, Clock::time_point wall_origin = Clock::now());

  bool paced() const { return speed_ > 0.0; }
  /// When simulated instant `t` is due on the wall clock (wall_origin when not paced).
  Clock::time_point due(Time t) const;
  /// Sleeps until `t` is due, waking at least every 100 ms to ask `stop` (when given); returns
  /// false when `stop` said so, true once due (at once when unpaced or already due).
  bool wait_until(Time t, const std::function<bool()>& stop = {}) const;

 private:
  double speed_;
  Time sim_origin_;
  Clock::time_point wall_origin_;
};

}  // namespace straja::io
