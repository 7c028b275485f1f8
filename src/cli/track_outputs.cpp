#include "cli/track_outputs.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>

#include "cli/commands.h"
#include "io/csv_writer.h"
#include "io/udp.h"

namespace straja::cli {
namespace {

constexpr std::string_view kUdpScheme = "udp://";

}  // namespace

std::optional<SacSic> parse_sac_sic(std::string_view text) {
  auto part = [](std::string_view digits) -> std::optional<std::uint8_t> {
    if (digits.empty() || digits.size() > 3 ||
        digits.find_first_not_of("0123456789") != std::string_view::npos) {
      return std::nullopt;
    }
    int value = 0;
    for (const char c : digits) value = value * 10 + (c - '0');
    if (value > 255) return std::nullopt;
    return static_cast<std::uint8_t>(value);
  };
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const auto sac = part(text.substr(0, slash));
  const auto sic = part(text.substr(slash + 1));
  if (!sac || !sic) return std::nullopt;
  return SacSic{*sac, *sic};
}

TrackOutputKind track_output_kind(const std::string& target) {
  if (target.starts_with(kUdpScheme)) return TrackOutputKind::kCat062Udp;
  if (target.ends_with(".csv")) return TrackOutputKind::kCsv;
  if (target.ends_with(".jsonl")) return TrackOutputKind::kJsonLines;
  if (target.ends_with(".ast")) return TrackOutputKind::kCat062File;
  throw CommandFailed(kExitUsage, "track: --out " + target +
                                      ": unknown kind (.csv, .jsonl, .ast or udp://GROUP:PORT)");
}

/// One output: exactly one of the members is open, by kind.
struct TrackOutputs::Sink {
  TrackOutputKind kind;
  std::string target;
  std::optional<io::TracksCsvWriter> csv;
  std::ofstream file;  // JSON lines or CAT062 blocks
  std::unique_ptr<io::UdpSender> udp;
  std::uint64_t send_failures = 0;
  std::string first_send_failure;
};

TrackOutputs::TrackOutputs(const std::vector<std::string>& targets,
                           const geo::LocalFrame& system_frame, const SensorRegistry& registry,
                           asterix::SystemTrackSettings settings,
                           std::vector<PartnerSystem> partners)
    : partners_(std::move(partners)) {
  for (const SensorInfo& sensor : registry.sensors) sensor_ids_.push_back(sensor.id);
  for (const std::string& target : targets) {
    auto sink = std::make_unique<Sink>();
    sink->kind = track_output_kind(target);
    sink->target = target;
    switch (sink->kind) {
      case TrackOutputKind::kCsv:
        sink->csv.emplace(target);
        if (!sink->csv->status()) {
          throw CommandFailed(kExitUsage, "track: " + sink->csv->status().error().message);
        }
        break;
      case TrackOutputKind::kJsonLines:
      case TrackOutputKind::kCat062File:
        sink->file.open(target, sink->kind == TrackOutputKind::kCat062File
                                    ? std::ios::binary | std::ios::trunc
                                    : std::ios::trunc);
        if (!sink->file) throw CommandFailed(kExitUsage, "track: cannot write '" + target + "'");
        break;
      case TrackOutputKind::kCat062Udp: {
        const auto endpoint = io::UdpEndpoint::parse(target.substr(kUdpScheme.size()));
        if (!endpoint) {
          throw CommandFailed(kExitUsage,
                              "track: --out " + target + ": " + endpoint.error().message);
        }
        auto sender = io::UdpSender::open(*endpoint, 1);
        if (!sender) {
          throw CommandFailed(kExitUsage, "track: --out " + target + ": " + sender.error().message);
        }
        sink->udp = std::move(*sender);
        break;
      }
    }
    if (sink->kind == TrackOutputKind::kCat062File || sink->kind == TrackOutputKind::kCat062Udp) {
      if (!encoder_) {
        encoder_ = std::make_unique<asterix::SystemTrackEncoder>(settings, system_frame, registry);
      }
    }
    sinks_.push_back(std::move(sink));
  }
}

TrackOutputs::~TrackOutputs() = default;

namespace {

/// Calls visit(std::string_view id) for each sensor that updated `r` (sensor_ids by
/// SensorIndex), then for each partner system whose tracks were fused into it (an unnamed one
/// as SAC/SIC).
template <class Visit>
void for_each_source(const TrackReport& r, std::span<const std::string> sensor_ids,
                     std::span<const PartnerSystem> partners, Visit&& visit) {
  for (std::size_t s = 0; s < sensor_ids.size() && s < 64; ++s) {
    if ((r.updates.sensors >> s & 1u) != 0) visit(std::string_view(sensor_ids[s]));
  }
  for (const SacSic partner : r.partners) {
    const auto named = std::find_if(partners.begin(), partners.end(),
                                    [&](const PartnerSystem& p) { return p.sac_sic == partner; });
    if (named != partners.end()) {
      visit(std::string_view(named->id));
    } else {
      visit(std::string_view(std::to_string(partner.sac) + "/" + std::to_string(partner.sic)));
    }
  }
}

}  // namespace

void write_sources_cell(std::string& out, const TrackReport& report,
                        std::span<const std::string> sensor_ids,
                        std::span<const PartnerSystem> partners) {
  out.clear();
  for_each_source(report, sensor_ids, partners, [&](std::string_view id) {
    if (!out.empty()) out += ';';
    out += id;
  });
}

/// tracks.jsonl: one object per report, the keys of tracks.csv, then "sources": the ids of the
/// sensors that updated the track and of the partner systems that contributed, when any.
void TrackOutputs::write_json_line(std::ostream& out, const TrackReport& r) const {
  char buffer[512];
  std::snprintf(buffer, sizeof buffer,
                "{\"time_s\":%.3f,\"track_id\":%llu,\"lat_deg\":%.7f,\"lon_deg\":%.7f,"
                "\"alt_m\":%.3f,\"vel_east_mps\":%.3f,\"vel_north_mps\":%.3f,\"vel_up_mps\":%.3f,"
                "\"status\":\"%s\"",
                to_unix_seconds(r.time), static_cast<unsigned long long>(r.id.value),
                r.position.lat_deg, r.position.lon_deg, r.position.height_m, r.velocity_enu_mps.x(),
                r.velocity_enu_mps.y(), r.velocity_enu_mps.z(),
                std::string(to_string(r.status)).c_str());
  out << buffer;
  if (r.icao) out << ",\"icao\":\"" << r.icao->to_string() << '"';
  if (!r.callsign.empty()) out << ",\"callsign\":\"" << r.callsign << '"';
  if (r.mode3a) out << ",\"mode3a\":\"" << r.mode3a->to_string() << '"';
  bool first = true;
  for_each_source(r, sensor_ids_, partners_, [&](std::string_view id) {
    out << (first ? ",\"sources\":[\"" : ",\"") << id << '"';
    first = false;
  });
  if (!first) out << ']';
  static constexpr std::array<const char*, 3> kModeNames = {"cv", "ct", "ca"};
  bool first_mode = true;
  for (std::size_t m = 0; m < r.mode_probabilities.size(); ++m) {
    if (std::isnan(r.mode_probabilities[m])) continue;
    std::snprintf(buffer, sizeof buffer, "%s\"%s\":%.4f", first_mode ? ",\"imm\":{" : ",",
                  kModeNames[m], r.mode_probabilities[m]);
    out << buffer;
    first_mode = false;
  }
  if (!first_mode) out << '}';
  if (r.existence) {
    std::snprintf(buffer, sizeof buffer, ",\"existence\":%.4f", *r.existence);
    out << buffer;
  }
  out << "}\n";
}

void TrackOutputs::write(std::span<const TrackReport> reports, Time at) {
  if (encoder_) encoder_->encode(reports, at, tracks_, status_);
  for (const auto& sink : sinks_) {
    switch (sink->kind) {
      case TrackOutputKind::kCsv:
        for (const TrackReport& report : reports) {
          write_sources_cell(sources_, report, sensor_ids_, partners_);
          sink->csv->write(report, sources_);
        }
        break;
      case TrackOutputKind::kJsonLines:
        for (const TrackReport& report : reports) write_json_line(sink->file, report);
        break;
      case TrackOutputKind::kCat062File:
      case TrackOutputKind::kCat062Udp: {
        const bool udp = sink->kind == TrackOutputKind::kCat062Udp;
        blocks_.clear();
        asterix::pack_blocks(tracks_, udp ? kUdpBlockOctets : 65535, blocks_);
        asterix::pack_blocks(status_, udp ? kUdpBlockOctets : 65535, blocks_);
        for (const asterix::DataBlock& block : blocks_) {
          if (!udp) {
            sink->file.write(reinterpret_cast<const char*>(block.octets.data()),
                             static_cast<std::streamsize>(block.octets.size()));
          } else if (const Status sent = sink->udp->send(block.octets); !sent) {
            if (sink->send_failures++ == 0) sink->first_send_failure = sent.error().message;
          }
        }
        break;
      }
    }
  }
}

void TrackOutputs::close() {
  for (const auto& sink : sinks_) {
    switch (sink->kind) {
      case TrackOutputKind::kCsv:
        if (const Status status = sink->csv->close(); !status) {
          throw CommandFailed(kExitUsage, "track: " + status.error().message);
        }
        break;
      case TrackOutputKind::kJsonLines:
      case TrackOutputKind::kCat062File:
        sink->file.close();
        if (!sink->file)
          throw CommandFailed(kExitUsage, "track: " + sink->target + ": write failed");
        break;
      case TrackOutputKind::kCat062Udp:
        if (sink->send_failures > 0) {
          std::cerr << "straja track: " << sink->target << ": " << sink->send_failures
                    << " datagram(s) not sent; the first: " << sink->first_send_failure << '\n';
        }
        sink->udp.reset();
        break;
    }
  }
}

}  // namespace straja::cli
