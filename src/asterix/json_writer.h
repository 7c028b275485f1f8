#pragma once
// JSON-lines output of decoded records (format: docs/formats/asterix-json.md). Hand-written for
// speed: appends to a caller-owned std::string, no allocation once that string has grown.

#include <cstddef>
#include <optional>
#include <string>

#include "asterix/values.h"
#include "core/ids.h"

namespace straja::asterix {

/// Appends `{"cat":C,"block":B,"record":R,"sac":S,"sic":I,"items":{...}}` and a newline.
/// `source` is the record's data source (null in the output when unknown).
void append_record_json(const DecodedRecord& record, std::size_t block_index,
                        std::size_t record_index, std::optional<SacSic> source, std::string& out);

/// Appends the JSON value of one item (its tokens) to `out`.
void append_item_json(const DecodedRecord& record, const DecodedItem& item, std::string& out);

}  // namespace straja::asterix
