#include "asterix/stream_decoder.h"

namespace straja::asterix {

std::optional<SacSic> record_data_source(const RecordView& record) {
  if (!record.has_frn(1) || record.item_size[0] != 2) return std::nullopt;
  const std::uint8_t* p = record.data + record.item_offset[0];
  return SacSic{p[0], p[1]};
}

}  // namespace straja::asterix
