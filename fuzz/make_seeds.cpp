// fuzz_make_seeds OUT_DIR [RECORDING...]: writes seed inputs for the ASTERIX fuzz targets under
// OUT_DIR/<target>/. Project-made seeds: random records of every edition (category targets: the
// edition's index octet, then a block body) and blocks of several categories in every framing.
// Recordings given (any framing) are added as they are to the framing targets that read them
// and, split into blocks, to the category targets. Deterministic.

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "asterix/capture_writer.h"
#include "asterix/framing.h"
#include "asterix/record.h"
#include "asterix/testing/random_records.h"

namespace {

using namespace straja::asterix;
namespace fs = std::filesystem;

void write(const fs::path& dir, const std::string& name, const std::vector<std::uint8_t>& bytes) {
  fs::create_directories(dir);
  std::ofstream out(dir / name, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

std::string category_target(int category) {
  char name[32];
  std::snprintf(name, sizeof name, "asterix_cat%03d", category);
  return name;
}

/// Index of `edition` among its category's editions (the category targets' first octet).
std::uint8_t edition_index(const Edition& edition) {
  std::uint8_t index = 0;
  for (const auto& table : Edition::all()) {
    if (table.category != edition.category()) continue;
    if (table.major == edition.number().major && table.minor == edition.number().minor) break;
    ++index;
  }
  return index;
}

void framed_seeds(const fs::path& out, const std::string& name,
                  const std::vector<std::vector<std::uint8_t>>& blocks) {
  std::vector<std::uint8_t> raw;
  std::vector<std::uint8_t> pcap;
  std::vector<std::uint8_t> oradis;
  std::vector<std::uint8_t> gps;
  append_pcap_header(pcap);
  append_pcap_header(oradis);
  append_gps_header(gps);
  UdpPacketInfo info;
  for (const auto& block : blocks) {
    raw.insert(raw.end(), block.begin(), block.end());
    append_pcap_udp_packet(block, info, pcap);
    std::vector<std::uint8_t> payload;
    append_oradis_block(block, payload);
    append_pcap_udp_packet(payload, info, oradis);
    append_gps_block(block, gps);
    info.time_us += 250'000;
  }
  write(out / "asterix_raw", name, raw);
  write(out / "asterix_pcap", name, pcap);
  write(out / "asterix_oradis", name, oradis);
  write(out / "asterix_gps", name, gps);
  write(out / "asterix_auto", name + "-raw", raw);
  write(out / "asterix_auto", name + "-pcap", pcap);
}

void category_seed(const fs::path& out, const std::string& name, const Edition& edition,
                   std::span<const std::uint8_t> block) {
  std::vector<std::uint8_t> seed{edition_index(edition)};
  seed.insert(seed.end(), block.begin() + 3, block.end());
  write(out / category_target(edition.category()), name, seed);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: fuzz_make_seeds OUT_DIR [RECORDING...]\n");
    return 2;
  }
  const fs::path out = argv[1];
  testing::RandomRecordOptions options;
  options.item_probability = 0.3;
  options.subitem_probability = 0.3;
  options.max_repetitions = 2;
  testing::RandomRecords random(1, options);
  std::vector<std::vector<std::uint8_t>> mixed;
  for (const auto& table : Edition::all()) {
    const auto edition = Edition::find(table.category, {table.major, table.minor});
    const std::string label =
        category_target(table.category).substr(8) + "-" + edition->number().to_string();
    for (unsigned n = 1; n <= 2; ++n) {
      std::vector<std::uint8_t> block;
      random.append_block(*edition, n, block);
      category_seed(out, "random-" + label + "-" + std::to_string(n), *edition, block);
      if (n == 1) mixed.push_back(block);
    }
  }
  framed_seeds(out, "random-every-edition", mixed);

  // Recordings: framing targets take them whole, category targets take their blocks.
  const EditionSelector defaults;
  for (int i = 2; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    const std::vector<std::uint8_t> file((std::istreambuf_iterator<char>(in)),
                                         std::istreambuf_iterator<char>());
    const std::string name = fs::path(argv[i]).filename().string();
    const Framing framing = detect_framing(file);
    write(out / ("asterix_" + std::string(to_string(framing))), name, file);
    write(out / "asterix_auto", name, file);
    const auto payloads = split_payloads(file, framing);
    if (!payloads.ok()) continue;
    unsigned count = 0;
    for (const Payload& payload : *payloads) {
      std::size_t position = 0;
      BlockHeader header;
      while (position < payload.bytes.size() &&
             !read_block_header(payload.bytes.subspan(position), 0, header)) {
        const auto block = payload.bytes.subspan(position, header.length);
        if (const auto edition = defaults.select(header.category)) {
          category_seed(out, name + "-" + std::to_string(count++), *edition, block);
        }
        position += header.length;
      }
    }
  }
  return 0;
}
