#pragma once
// Live tracking of ASTERIX over UDP, shared by `straja serve udp://...` and `straja run`: every
// datagram (recorded first when asked, docs/formats/recording.md) is decoded as
// `straja decode udp://` does; radar plots are registered against ADS-B
// (docs/formats/registration.md), batched per sensor by revolution (or update interval); a batch
// is complete when the revolution ends, or when no plot of it has come for a revolution plus a
// second of wall time, and reaches the tracker in start order across sensors, held at most
// max_latency_s for earlier ones (cli/time_order_buffer.h; late plots are counted as out of
// sequence). The picture is served (docs/formats/picture-api.md), the tracks written to the
// outputs (docs/formats/cat062-output.md) and, when asked, a status line printed.

#include <atomic>
#include <string>
#include <vector>

#include "cli/server_options.h"
#include "core/ids.h"
#include "server/picture.h"

namespace straja::cli {

struct LiveRunOptions {
  std::string command = "serve";     ///< names the command in messages
  std::vector<std::string> inputs;   ///< udp://GROUP:PORT[@IFACE], at least one
  std::string sensors;               ///< sensors.yaml (required)
  std::string tracker_config;        ///< tracker YAML; empty: the defaults
  std::string date;                  ///< YYYY-MM-DD; empty: the clock's date
  std::string record;                ///< raw recording of every datagram; empty: none
  std::vector<std::string> outputs;  ///< tracks.csv, .jsonl, .ast, udp://GROUP:PORT
  double output_period_s = 1.0;      ///< wall time between two output times
  double status_period_s = 0.0;      ///< wall time between status lines on stderr; 0: none
  /// The longest a completed batch waits for other sensors' earlier ones (time ordering).
  double max_latency_s = 2.0;
  SacSic sdps{0, 1};         ///< our SDPS: CAT062/CAT065 I010 of the outputs
  bool registration = true;  ///< register the radars against ADS-B as plots arrive
  bool serve = true;         ///< serve the live picture (else the outputs only)
  ServerArguments server;
};

/// Runs until `stop` is set. Throws CommandFailed: 2 for unusable options or files, 1 when
/// datagrams could not be recorded or outputs not written.
void run_live(const LiveRunOptions& options, const std::atomic<bool>& stop);

/// One status line: "HH:MM:SSZ datagrams N, plots N (R/s), tracks C confirmed + K coasting +
/// T tentative, latency p50 X ms p99 Y ms, dropped D, errors E, out of sequence O[, sensors not
/// ok: a(silent) b(down)]".
std::string status_line(const server::Picture& picture, std::uint64_t datagrams);

}  // namespace straja::cli
