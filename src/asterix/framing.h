#pragma once
// Recording framings around ASTERIX data blocks: raw concatenated blocks, pcap and pcapng (UDP
// payloads over Ethernet/IPv4), ORADIS-in-pcap (a 6-octet header before the blocks of each UDP
// payload), and the "GPS" recording format (a 2200-octet header, then each block followed by a
// 10-octet trailer). The readers return views into the caller's buffer.

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "asterix/record.h"
#include "core/result.h"

namespace straja::asterix {

enum class Framing { kAuto, kRaw, kPcap, kOradis, kGps };

std::optional<Framing> parse_framing(
    std::string_view name);  ///< "auto", "raw", "pcap", "oradis", "gps"
std::string_view to_string(Framing framing);

/// Octets that hold concatenated data blocks, and where they start in the file.
struct Payload {
  Bytes bytes;
  std::size_t file_offset = 0;
};

/// Guesses the framing from the content: pcap/pcapng magic (then ORADIS when the UDP payloads
/// parse as blocks only after 6 octets), the GPS header, else raw.
Framing detect_framing(Bytes file);

/// Splits `file` into payloads. Errors: a capture file whose headers are truncated or unknown.
/// Non-UDP packets and IP fragments are skipped (counted in `skipped_packets` when given).
Result<std::vector<Payload>> split_payloads(Bytes file, Framing framing,
                                            std::size_t* skipped_packets = nullptr);

/// True when `bytes` is exactly a sequence of data blocks with plausible headers.
bool looks_like_blocks(Bytes bytes);

/// True when `bytes` (one UDP payload) is a sequence of ORADIS-framed data blocks.
bool looks_like_oradis(Bytes bytes);
/// Splits one ORADIS-framed payload into its blocks (appended to `payloads`); a header that does
/// not fit hands the rest over unframed, so the block decoder reports it.
void split_oradis(const Payload& packet, std::vector<Payload>& payloads);

}  // namespace straja::asterix
