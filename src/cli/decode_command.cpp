// straja decode: ASTERIX recordings to JSON lines (docs/formats/asterix-json.md), text, or
// nothing (--format none: the strict block/record decode alone, for --stats and timing).
// Exit status: 0 all good, 1 some block had a decode error (good records are still written),
// 2 usage or file errors.

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "asterix/framing.h"
#include "asterix/json_writer.h"
#include "asterix/stream_decoder.h"
#include "asterix/values.h"
#include "cli/commands.h"

namespace straja::cli {
namespace {

constexpr int kExitDecodeErrors = 1;
constexpr int kExitDecodeUsage = 2;
constexpr std::size_t kFlushBytes = 1 << 20;

struct DecodeArguments {
  std::vector<std::string> inputs;
  std::string framing = "auto";
  std::vector<std::string> editions;
  std::string format = "jsonl";
  std::vector<int> categories;
  bool stats = false;
};

/// The whole content of one input file, read-only. A regular file is mapped (private,
/// pre-faulted: no copy and no page fault while decoding); anything else (a pipe, /dev/stdin) is
/// read into memory. The octets stay valid and unchanged while the object lives.
class InputFile {
 public:
  explicit InputFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw CommandFailed(kExitDecodeUsage, "decode: cannot open '" + path + "'");
    struct Closer {
      int fd;
      ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat info {};
    if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
      const auto size = static_cast<std::size_t>(info.st_size);
      void* mapped = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
      if (mapped != MAP_FAILED) {
        mapped_ = mapped;
        bytes_ = {static_cast<const std::uint8_t*>(mapped), size};
        return;
      }
    }
    std::uint8_t chunk[65536];
    while (true) {
      const ssize_t got = ::read(fd, chunk, sizeof chunk);
      if (got == 0) break;
      if (got < 0) {
        if (errno == EINTR) continue;
        throw CommandFailed(kExitDecodeUsage, "decode: cannot read '" + path + "'");
      }
      copy_.insert(copy_.end(), chunk, chunk + got);
    }
    bytes_ = copy_;
  }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  ~InputFile() {
    if (mapped_ != nullptr) ::munmap(mapped_, bytes_.size());
  }
  asterix::Bytes bytes() const { return bytes_; }

 private:
  void* mapped_ = nullptr;
  std::vector<std::uint8_t> copy_;
  asterix::Bytes bytes_;
};

void flush(std::string& out) {
  std::fwrite(out.data(), 1, out.size(), stdout);
  out.clear();
}

/// Text form: one header line per record, then one line per item with its JSON value.
void append_record_text(const asterix::DecodedRecord& record, std::size_t block, std::size_t index,
                        std::optional<SacSic> source, std::string& out) {
  char header[96];
  std::snprintf(header, sizeof header, "CAT%03d %s block %zu record %zu", record.edition.category(),
                record.edition.number().to_string().c_str(), block, index);
  out += header;
  if (source) out += " SAC " + std::to_string(source->sac) + " SIC " + std::to_string(source->sic);
  out += '\n';
  for (const asterix::DecodedItem& item : record.items) {
    const auto& spec_item = asterix::spec::tables().items[item.item];
    out += "  ";
    if (spec_item.name.size() == 3) out += 'I';
    out += spec_item.name;
    out += " ";
    out += spec_item.title;
    out += ": ";
    asterix::append_item_json(record, item, out);
    out += '\n';
  }
}

void run_decode(const DecodeArguments& args) {
  const auto framing = asterix::parse_framing(args.framing);
  if (!framing) {
    throw CommandFailed(kExitDecodeUsage, "decode: unknown --framing '" + args.framing +
                                              "' (auto, raw, pcap, oradis, gps)");
  }
  if (args.format != "jsonl" && args.format != "text" && args.format != "none") {
    throw CommandFailed(kExitDecodeUsage,
                        "decode: unknown --format '" + args.format + "' (jsonl, text, none)");
  }
  const bool write_records = args.format != "none";
  const bool jsonl = args.format == "jsonl";
  asterix::EditionSelector editions;
  for (const std::string& text : args.editions) {
    if (const Status status = editions.apply(text); !status) {
      throw CommandFailed(kExitDecodeUsage, "decode: --edition: " + status.error().message);
    }
  }
  std::set<int> wanted(args.categories.begin(), args.categories.end());
  asterix::StreamDecoder decoder(editions);
  asterix::DecodedRecord values;
  std::string out;
  out.reserve(kFlushBytes + 65536);
  std::set<std::pair<int, int>> reported_kinds;
  std::size_t error_count = 0;
  for (const std::string& path : args.inputs) {
    const InputFile file(path);
    auto payloads = asterix::split_payloads(file.bytes(), *framing);
    if (!payloads) {
      throw CommandFailed(kExitDecodeUsage, "decode: " + path + ": " + payloads.error().describe());
    }
    for (const asterix::Payload& payload : *payloads) {
      decoder.decode(
          payload.bytes, payload.file_offset,
          [&](const asterix::RecordView& record, std::optional<SacSic> source, std::size_t block,
              std::size_t r) {
            if (!write_records) return;
            if (!wanted.empty() && wanted.count(record.edition.category()) == 0) return;
            asterix::decode_values(record, values);
            if (jsonl) {
              asterix::append_record_json(values, block, r, source, out);
            } else {
              append_record_text(values, block, r, source, out);
            }
            if (out.size() > kFlushBytes) flush(out);
          },
          [&](const asterix::DecodeError& error) {
            ++error_count;
            if (reported_kinds.insert({error.category, static_cast<int>(error.kind)}).second) {
              std::cerr << "straja decode: " << path << ": " << error.describe()
                        << " (block skipped)\n";
            }
          });
    }
  }
  flush(out);
  std::fflush(stdout);
  if (args.stats) {
    for (std::size_t category = 0; category < decoder.stats().size(); ++category) {
      const asterix::CategoryStats& s = decoder.stats()[category];
      if (s.records == 0 && s.errors == 0 && s.skipped_bytes == 0) continue;
      char line[128];
      std::snprintf(line, sizeof line, "CAT%03zu records=%llu errors=%llu skipped_bytes=%llu\n",
                    category, static_cast<unsigned long long>(s.records),
                    static_cast<unsigned long long>(s.errors),
                    static_cast<unsigned long long>(s.skipped_bytes));
      std::cerr << line;
    }
  }
  if (error_count > 0) {
    throw CommandFailed(kExitDecodeErrors, "decode: " + std::to_string(error_count) +
                                               " block(s) skipped because of decode errors");
  }
}

}  // namespace

void add_decode_command(CLI::App& app) {
  auto args = std::make_shared<DecodeArguments>();
  CLI::App* command =
      app.add_subcommand("decode", "Decode ASTERIX recordings to JSON lines or text");
  command->add_option("files", args->inputs, "Recordings (.ast/.raw/.bin, .pcap/.pcapng, .gps)")
      ->required();
  command->add_option("--framing", args->framing, "auto (default), raw, pcap, oradis, gps");
  command->add_option(
      "--edition", args->editions,
      "Edition override CAT=ED or CAT=ED@SAC/SIC, e.g. 48=1.23 or 48=1.23@25/201 (repeatable)");
  command->add_option("--format", args->format,
                      "jsonl (default), text, or none (decode and check every record, write "
                      "nothing: with --stats, or for timing)");
  command->add_option("--category", args->categories,
                      "Only write records of these categories (repeatable)");
  command->add_flag("--stats", args->stats,
                    "Per-category counts on stderr: CAT048 records=N errors=E skipped_bytes=B");
  command->callback([args] { run_decode(*args); });
}

}  // namespace straja::cli
