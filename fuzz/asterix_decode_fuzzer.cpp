// libFuzzer target: arbitrary octets through every framing and the strict block decoder, then
// values, JSON and re-encoding of every record accepted. Must never crash, hang or read out of
// bounds; a record that decodes must re-encode to the same octets.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "asterix/encode.h"
#include "asterix/framing.h"
#include "asterix/json_writer.h"
#include "asterix/stream_decoder.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace straja::asterix;
  const Bytes input(data, size);
  const Framing framings[] = {Framing::kRaw, Framing::kAuto, Framing::kPcap, Framing::kOradis,
                              Framing::kGps};
  DecodedRecord values;
  std::string json;
  std::vector<std::uint8_t> encoded;
  for (const Framing framing : framings) {
    auto payloads = split_payloads(input, framing);
    if (!payloads.ok()) continue;
    StreamDecoder decoder{EditionSelector{}};
    for (const Payload& payload : *payloads) {
      decoder.decode(
          payload.bytes, payload.file_offset,
          [&](const RecordView& record, std::optional<straja::SacSic> source, std::size_t block,
              std::size_t r) {
            decode_values(record, values);
            json.clear();
            append_record_json(values, block, r, source, json);
            encoded.clear();
            if (!encode_record(values, encoded) ||
                encoded != std::vector<std::uint8_t>(record.data, record.data + record.size)) {
              std::abort();
            }
          },
          [](const DecodeError&) {});
    }
  }
  return 0;
}
