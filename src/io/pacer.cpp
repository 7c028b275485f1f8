#include "io/pacer.h"

#include <algorithm>
#include <thread>

namespace straja::io {

Pacer::Pacer(double speed, Time sim_origin, Clock::time_point wall_origin)
    : speed_(speed > 0.0 ? speed : 0.0), sim_origin_(sim_origin), wall_origin_(wall_origin) {}

Pacer::Clock::time_point Pacer::due(Time t) const {
  if (!paced()) return wall_origin_;
  const double wall_ns = static_cast<double>((t - sim_origin_).count()) / speed_;
  return wall_origin_ + std::chrono::duration_cast<Clock::duration>(
                            std::chrono::duration<double, std::nano>(wall_ns));
}

bool Pacer::wait_until(Time t, const std::function<bool()>& stop) const {
  if (!paced()) return !(stop && stop());
  const Clock::time_point when = due(t);
  while (true) {
    if (stop && stop()) return false;
    const Clock::time_point now = Clock::now();
    if (now >= when) return true;
    std::this_thread::sleep_for(
        std::min<Clock::duration>(when - now, std::chrono::milliseconds(100)));
  }
}

}  // namespace straja::io
