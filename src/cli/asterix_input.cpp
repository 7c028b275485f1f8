#include "cli/asterix_input.h"

#include <iostream>

#include "asterix/framing.h"
#include "asterix/stream_decoder.h"
#include "cli/commands.h"
#include "core/file_bytes.h"
#include "core/huge_pages.h"

namespace straja::cli {

AsterixPlots read_asterix_plots(const std::string& path, Date date, const std::string& command,
                                const std::vector<PartnerSystem>& partners) {
  const auto read = read_file_bytes(path);
  if (!read) {
    throw CommandFailed(kExitUsage, read.error().code == ErrorCode::kNotFound
                                        ? command + ": cannot open '" + path + "'"
                                        : command + ": " + read.error().message);
  }
  const std::vector<std::uint8_t>& bytes = *read;
  auto payloads = asterix::split_payloads(bytes, asterix::Framing::kAuto);
  if (!payloads) {
    throw CommandFailed(kExitUsage, command + ": " + path + ": " + payloads.error().describe());
  }
  asterix::StreamDecoder decoder{asterix::EditionSelector{}};
  asterix::PlotExtractor extractor(date);
  asterix::PartnerTrackExtractor partner_extractor(date);
  for (const PartnerSystem& partner : partners) {
    partner_extractor.set_defaults(partner.sac_sic, partner.accuracy);
  }
  AsterixPlots out;
  // Once the first plots are decoded, room for as many per byte in the rest of the file (on huge
  // pages): growing the vector plot by plot would copy and fault in its plots over and over.
  constexpr std::size_t kPlotsSampled = 4096;
  const auto reserve_for_the_rest = [&](const std::uint8_t* at) {
    const auto* const begin = bytes.data();
    if (at <= begin || at >= begin + bytes.size()) return;  // not inside the file's bytes
    const double plots_per_byte =
        static_cast<double>(out.plots.size()) / static_cast<double>(at - begin);
    reserve_on_huge_pages(
        out.plots,
        static_cast<std::size_t>(1.1 * plots_per_byte * static_cast<double>(bytes.size())) + 64);
  };
  for (const asterix::Payload& payload : *payloads) {
    decoder.decode(
        payload.bytes, payload.file_offset,
        [&](const asterix::RecordView& record, std::optional<SacSic> source, std::size_t,
            std::size_t) {
          if (record.edition.category() == 62) {
            if (auto track = partner_extractor.extract(record, source)) {
              out.partner_tracks.push_back(std::move(*track));
            }
          } else if (auto plot = extractor.extract(record, source)) {
            out.plots.push_back(std::move(*plot));
            if (out.plots.size() == kPlotsSampled) reserve_for_the_rest(record.data);
          }
        },
        [&](const asterix::DecodeError& error) {
          if (out.skipped_blocks++ == 0) {
            std::cerr << "straja " << command << ": " << path << ": " << error.describe()
                      << " (block skipped)\n";
          }
        });
  }
  const asterix::PlotExtractionCounts& c = extractor.counts();
  const std::uint64_t unusable = c.without_time + c.without_position + c.without_source;
  if (unusable > 0) {
    std::cerr << "straja " << command << ": " << path << ": " << unusable
              << " report(s) without a time, position or data source skipped\n";
  }
  out.malformed_partner_records = partner_extractor.counts().malformed;
  if (out.malformed_partner_records > 0) {
    std::cerr << "straja " << command << ": " << path << ": " << out.malformed_partner_records
              << " CAT062 record(s) without a data source, time, track number or WGS-84 "
                 "position skipped\n";
  }
  out.rotation_periods = extractor.rotation_periods();
  return out;
}

Date recording_date(const std::string& text, std::optional<Date> fallback,
                    const std::string& command) {
  if (!text.empty()) {
    auto parsed = parse_iso8601(text);
    if (!parsed || text.size() != 10) {
      throw CommandFailed(kExitUsage,
                          command + ": --date: expected YYYY-MM-DD, got '" + text + "'");
    }
    return std::chrono::floor<std::chrono::days>(*parsed);
  }
  if (fallback) return *fallback;
  std::cerr << "straja " << command
            << ": no --date and no date in a sensors file: ASTERIX times "
               "of day are taken on today's UTC date\n";
  return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
}

}  // namespace straja::cli
