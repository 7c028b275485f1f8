// ASTERIX decoder throughput on a real recording: the CAT034/CAT048 radar feed of
// croatiacontrol/cat_034_048.pcap from the shared data set, its data blocks repeated to at least
// 5 MiB. Every benchmark reports records/s (items_per_second) and MB/s (bytes_per_second, input
// octets) per CPU second. The benchmarks are registered only when the recording is there; without
// it the binary says so once and runs the others.
//
//   parse            strict block/record walk to RecordViews (parse_block_reusing)
//   parse+typed      the same, plus the Cat048View accessors the tracker reads on every CAT048
//                    record (I010 I140 I020 I040 I070 I090 I220 I240 I161 I200)
//   values           parse + the generic value decoding of every record (decode_values)
//   json             parse + values + JSON lines (append_record_json), the `straja decode` path
//   stream/<framing> split_payloads + StreamDecoder over the same blocks framed as raw, pcap,
//                    pcapng, ORADIS-in-pcap and GPS (file octets count as bytes)

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <string>
#include <vector>

#include "asterix/framing.h"
#include "asterix/json_writer.h"
#include "asterix/stream_decoder.h"
#include "asterix/typed.h"
#include "asterix/values.h"

namespace straja::asterix {
namespace {

constexpr std::size_t kMinInputBytes = 5u << 20;
constexpr const char* kRecording = "data/asterix/croatiacontrol/cat_034_048.pcap";

using Octets = std::vector<std::uint8_t>;

void put(Octets& out, std::initializer_list<std::uint8_t> octets) {
  for (const std::uint8_t octet : octets) out.push_back(octet);
}
void put_u16be(Octets& out, std::size_t value) {
  out.push_back(static_cast<std::uint8_t>(value >> 8));
  out.push_back(static_cast<std::uint8_t>(value));
}
void put_u32le(Octets& out, std::size_t value) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

/// Ethernet + IPv4 + UDP around `payload` (checksums zero: no reader here checks them).
Octets udp_frame(const Octets& payload) {
  Octets frame;
  frame.reserve(42 + payload.size());
  put(frame, {0x01, 0x00, 0x5E, 0x02, 0x01, 0x1F, 0xBC, 0x16, 0x65, 0xFE, 0x5F, 0xC2, 0x08, 0x00});
  const std::size_t udp_length = 8 + payload.size();
  put(frame, {0x45, 0x00});
  put_u16be(frame, 20 + udp_length);
  put(frame, {0x00, 0x00, 0x40, 0x00, 0x3D, 0x11, 0x00, 0x00, 0x0A, 0x11, 0x3A, 0xB8, 0xE8, 0x02,
              0x01, 0x1F});
  put(frame, {0x52, 0x84, 0x56, 0x73});
  put_u16be(frame, udp_length);
  put(frame, {0x00, 0x00});
  frame.insert(frame.end(), payload.begin(), payload.end());
  return frame;
}

/// The recording's blocks in every framing, each at least kMinInputBytes.
struct Inputs {
  Octets raw, pcap, pcapng, oradis, gps;
  std::size_t records = 0;  ///< records in `raw` (the same in every framing)
};

std::vector<Octets> datagrams_of(const Octets& pcap) {
  std::vector<Octets> datagrams;
  auto payloads = split_payloads(pcap, Framing::kPcap);
  if (payloads.ok()) {
    for (const Payload& p : *payloads) datagrams.emplace_back(p.bytes.begin(), p.bytes.end());
  }
  return datagrams;
}

std::vector<Octets> blocks_of(const Octets& datagram) {
  std::vector<Octets> blocks;
  std::size_t position = 0;
  while (position + 3 <= datagram.size()) {
    const std::size_t length = std::size_t{datagram[position + 1]} << 8 | datagram[position + 2];
    if (length < 3 || position + length > datagram.size()) break;
    blocks.emplace_back(datagram.begin() + static_cast<std::ptrdiff_t>(position),
                        datagram.begin() + static_cast<std::ptrdiff_t>(position + length));
    position += length;
  }
  return blocks;
}

Inputs build_inputs(const Octets& recording) {
  const std::vector<Octets> datagrams = datagrams_of(recording);
  Inputs in;
  Octets one_raw;
  for (const Octets& d : datagrams) one_raw.insert(one_raw.end(), d.begin(), d.end());
  if (one_raw.empty()) return in;
  const std::size_t copies = (kMinInputBytes + one_raw.size() - 1) / one_raw.size();

  std::size_t one_records = 0;
  StreamDecoder counter{EditionSelector{}};
  counter.decode(
      one_raw, 0, [&](const RecordView&, auto, auto, auto) { ++one_records; },
      [](const DecodeError&) {});
  in.records = one_records * copies;

  // pcap (little endian, Ethernet): the recording's datagrams again and again in fresh frames.
  in.pcap = {0xD4, 0xC3, 0xB2, 0xA1, 2,    0,    4, 0, 0, 0, 0, 0,
             0,    0,    0,    0,    0xFF, 0xFF, 0, 0, 1, 0, 0, 0};
  in.oradis = in.pcap;
  // pcapng: section header, one Ethernet interface, one enhanced packet block per datagram.
  in.pcapng = {0x0A, 0x0D, 0x0D, 0x0A};
  put_u32le(in.pcapng, 28);
  put_u32le(in.pcapng, 0x1A2B3C4Du);
  put(in.pcapng, {1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF});
  put_u32le(in.pcapng, 28);
  put_u32le(in.pcapng, 1);
  put_u32le(in.pcapng, 20);
  put(in.pcapng, {1, 0, 0, 0, 0, 0, 0, 0});
  put_u32le(in.pcapng, 20);
  // GPS: a 2200-octet header, then each block with a 10-octet trailer.
  in.gps.assign(2200, 0xCD);

  for (std::size_t copy = 0; copy < copies; ++copy) {
    in.raw.insert(in.raw.end(), one_raw.begin(), one_raw.end());
    for (const Octets& d : datagrams) {
      const Octets frame = udp_frame(d);
      // pcap record header: seconds, microseconds, captured and original length (little endian).
      put_u32le(in.pcap, 1462433700 + copy);
      put_u32le(in.pcap, 0);
      put_u32le(in.pcap, frame.size());
      put_u32le(in.pcap, frame.size());
      in.pcap.insert(in.pcap.end(), frame.begin(), frame.end());

      const std::size_t padded = (frame.size() + 3) / 4 * 4;
      put_u32le(in.pcapng, 6);
      put_u32le(in.pcapng, 32 + padded);
      put_u32le(in.pcapng, 0);
      put_u32le(in.pcapng, 0);
      put_u32le(in.pcapng, copy);
      put_u32le(in.pcapng, frame.size());
      put_u32le(in.pcapng, frame.size());
      in.pcapng.insert(in.pcapng.end(), frame.begin(), frame.end());
      in.pcapng.resize(in.pcapng.size() + padded - frame.size(), 0);
      put_u32le(in.pcapng, 32 + padded);

      // ORADIS: each block of the datagram behind a 6-octet header (length of header + block).
      Octets oradis_payload;
      for (const Octets& block : blocks_of(d)) {
        put_u16be(oradis_payload, 6 + block.size());
        put(oradis_payload, {0, 0, 0, 0});
        oradis_payload.insert(oradis_payload.end(), block.begin(), block.end());
        in.gps.insert(in.gps.end(), block.begin(), block.end());
        in.gps.resize(in.gps.size() + 10, 0);
      }
      const Octets oradis_frame = udp_frame(oradis_payload);
      put_u32le(in.oradis, 1462433700 + copy);
      put_u32le(in.oradis, 0);
      put_u32le(in.oradis, oradis_frame.size());
      put_u32le(in.oradis, oradis_frame.size());
      in.oradis.insert(in.oradis.end(), oradis_frame.begin(), oradis_frame.end());
    }
  }
  return in;
}

const Inputs& inputs() {
  static const Inputs in = [] {
    const std::filesystem::path path = std::filesystem::path(STRAJA_SHARED_DIR) / kRecording;
    std::ifstream file(path, std::ios::binary);
    if (!file) return Inputs{};
    return build_inputs(Octets((std::istreambuf_iterator<char>(file)), {}));
  }();
  return in;
}

void set_rates(benchmark::State& state, std::size_t records, std::size_t bytes) {
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(records));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
}

/// Calls on_record(const RecordView&, block_index, record_index) for every record of `raw`
/// (concatenated blocks), walking blocks the way StreamDecoder does (parse_block_reusing).
template <typename OnRecord>
void for_each_record(Bytes raw, const EditionSelector& editions, std::vector<RecordView>& records,
                     OnRecord&& on_record) {
  std::size_t position = 0;
  std::size_t block_index = 0;
  while (position < raw.size()) {
    BlockHeader header;
    const Bytes rest = raw.subspan(position);
    if (read_block_header(rest, position, header)) std::abort();
    std::size_t count = 0;
    if (parse_block_reusing(rest.first(header.length), editions, position, records, count)) {
      std::abort();
    }
    for (std::size_t r = 0; r < count; ++r) on_record(records[r], block_index, r);
    position += header.length;
    ++block_index;
  }
}

void BM_AsterixParse(benchmark::State& state) {
  const Inputs& in = inputs();
  const EditionSelector editions;
  std::vector<RecordView> records;
  for (auto _ : state) {
    std::size_t count = 0;
    for_each_record(in.raw, editions, records,
                    [&](const RecordView& record, std::size_t, std::size_t) {
                      benchmark::DoNotOptimize(record.present);
                      ++count;
                    });
    if (count != in.records) state.SkipWithError("record count changed");
  }
  set_rates(state, in.records, in.raw.size());
}

void BM_AsterixParseTyped(benchmark::State& state) {
  const Inputs& in = inputs();
  const EditionSelector editions;
  std::vector<RecordView> records;
  for (auto _ : state) {
    double sum = 0;
    std::uint64_t bits = 0;
    for_each_record(in.raw, editions, records,
                    [&](const RecordView& record, std::size_t, std::size_t) {
                      if (record.edition.category() != 48) return;
                      const Cat048View v(record);
                      if (const auto s = v.data_source()) bits += s->packed();
                      if (const auto t = v.time_of_day_s()) sum += *t;
                      if (const auto d = v.detection_type()) bits += *d;
                      if (const auto p = v.measured_position()) sum += p->range_nm + p->azimuth_deg;
                      if (const auto m = v.mode_3a()) bits += m->code;
                      if (const auto f = v.flight_level()) sum += f->flight_level;
                      if (const auto a = v.aircraft_address()) bits += a->value;
                      if (const auto c = v.aircraft_identification()) bits += c->length;
                      if (const auto n = v.track_number()) bits += *n;
                      if (const auto g = v.ground_speed_kt()) sum += *g;
                      if (const auto h = v.heading_deg()) sum += *h;
                    });
    benchmark::DoNotOptimize(sum);
    benchmark::DoNotOptimize(bits);
  }
  set_rates(state, in.records, in.raw.size());
}

void BM_AsterixValues(benchmark::State& state) {
  const Inputs& in = inputs();
  const EditionSelector editions;
  std::vector<RecordView> records;
  DecodedRecord values;
  for (auto _ : state) {
    std::size_t tokens = 0;
    for_each_record(in.raw, editions, records,
                    [&](const RecordView& record, std::size_t, std::size_t) {
                      decode_values(record, values);
                      tokens += values.tokens.size();
                    });
    benchmark::DoNotOptimize(tokens);
  }
  set_rates(state, in.records, in.raw.size());
}

void BM_AsterixJsonLines(benchmark::State& state) {
  const Inputs& in = inputs();
  const EditionSelector editions;
  std::vector<RecordView> records;
  DecodedRecord values;
  std::string out;
  out.reserve((1u << 20) + 65536);
  std::size_t json_bytes = 0;
  for (auto _ : state) {
    for_each_record(in.raw, editions, records,
                    [&](const RecordView& record, std::size_t block, std::size_t r) {
                      decode_values(record, values);
                      append_record_json(values, block, r, record_data_source(record), out);
                      if (out.size() > (1u << 20)) {
                        json_bytes += out.size();
                        benchmark::DoNotOptimize(out.data());
                        out.clear();
                      }
                    });
  }
  set_rates(state, in.records, in.raw.size());
  state.counters["json_bytes/record"] =
      static_cast<double>(json_bytes + out.size()) /
      (static_cast<double>(state.iterations()) * static_cast<double>(in.records));
}

void BM_AsterixStream(benchmark::State& state, const Octets Inputs::*file, Framing framing) {
  const Inputs& in = inputs();
  const Octets& bytes = in.*file;
  for (auto _ : state) {
    auto payloads = split_payloads(bytes, framing);
    if (!payloads.ok()) {
      state.SkipWithError("framing failed");
      break;
    }
    StreamDecoder decoder{EditionSelector{}};
    std::size_t count = 0;
    for (const Payload& payload : *payloads) {
      decoder.decode(
          payload.bytes, payload.file_offset,
          [&](const RecordView& record, std::optional<SacSic> source, std::size_t, std::size_t) {
            benchmark::DoNotOptimize(record.present);
            benchmark::DoNotOptimize(source);
            ++count;
          },
          [](const DecodeError&) { std::abort(); });
    }
    if (count != in.records) state.SkipWithError("record count differs between framings");
  }
  set_rates(state, in.records, bytes.size());
}

/// Registers the benchmarks when the recording is readable; says why not otherwise.
const bool kRegistered = [] {
  if (inputs().records == 0) {
    std::fprintf(stderr,
                 "asterix benchmarks skipped: %s/%s is absent (configure with "
                 "-DSTRAJA_SHARED_DIR=<shared data folder>)\n",
                 STRAJA_SHARED_DIR, kRecording);
    return false;
  }
  benchmark::RegisterBenchmark("BM_AsterixParse", BM_AsterixParse);
  benchmark::RegisterBenchmark("BM_AsterixParseTyped", BM_AsterixParseTyped);
  benchmark::RegisterBenchmark("BM_AsterixValues", BM_AsterixValues);
  benchmark::RegisterBenchmark("BM_AsterixJsonLines", BM_AsterixJsonLines);
  benchmark::RegisterBenchmark("BM_AsterixStream/raw", BM_AsterixStream, &Inputs::raw,
                               Framing::kRaw);
  benchmark::RegisterBenchmark("BM_AsterixStream/pcap", BM_AsterixStream, &Inputs::pcap,
                               Framing::kPcap);
  benchmark::RegisterBenchmark("BM_AsterixStream/pcapng", BM_AsterixStream, &Inputs::pcapng,
                               Framing::kPcap);
  benchmark::RegisterBenchmark("BM_AsterixStream/oradis", BM_AsterixStream, &Inputs::oradis,
                               Framing::kOradis);
  benchmark::RegisterBenchmark("BM_AsterixStream/gps", BM_AsterixStream, &Inputs::gps,
                               Framing::kGps);
  return true;
}();

}  // namespace
}  // namespace straja::asterix
