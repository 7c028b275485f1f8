#pragma once
// Encoding: a DecodedRecord (values.h) back to octets, and records into a data block.
// encode_record(decode_values(parse_record(bytes))) == bytes for every record this codec accepts.

#include <cstdint>
#include <vector>

#include "asterix/values.h"

namespace straja::asterix {

/// Appends the octets of `record` (FSPEC and items) to `out`. Returns false (and leaves `out`
/// with a partial record) when the tokens do not fit the edition's structure.
bool encode_record(const DecodedRecord& record, std::vector<std::uint8_t>& out);

/// Appends a data block header for `category` and `records_octets` octets of records, then those
/// octets. Returns false when the block would exceed 65535 octets.
bool encode_block(int category, const std::vector<std::uint8_t>& records_octets,
                  std::vector<std::uint8_t>& out);

}  // namespace straja::asterix
