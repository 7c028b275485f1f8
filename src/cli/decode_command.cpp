// straja decode: ASTERIX recordings or live UDP feeds to JSON lines (docs/formats/asterix-json.md),
// text, or nothing (--format none: the strict block/record decode alone, for --stats and timing).
// Exit status: 0 all good, 1 some block had a decode error (good records are still written), 2
// usage or file errors.

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
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
#include "io/udp.h"

namespace straja::cli {
namespace {

constexpr std::size_t kFlushBytes = 1 << 20;

struct DecodeArguments {
  std::vector<std::string> inputs;
  std::string framing = "auto";
  std::vector<std::string> editions;
  std::string format = "jsonl";
  std::vector<int> categories;
  bool stats = false;
  double duration_s = 0;                ///< live UDP: stop after this long (0: until interrupted)
  std::uint64_t count = 0;              ///< live UDP: stop after this many datagrams (0: no limit)
  std::size_t buffer_bytes = 8u << 20;  ///< live UDP: bounded queue per socket
};

constexpr std::string_view kUdpScheme = "udp://";

std::atomic<bool> interrupted{false};
extern "C" void on_interrupt(int) {
  interrupted = true;
}

/// The endpoint of a live input ("udp://ENDPOINT", or any input with --framing udp).
std::optional<io::UdpEndpoint> udp_input(const std::string& input, bool framing_udp) {
  std::string_view text = input;
  if (text.starts_with(kUdpScheme)) {
    text.remove_prefix(kUdpScheme.size());
  } else if (!framing_udp) {
    return std::nullopt;
  }
  auto endpoint = io::UdpEndpoint::parse(text);
  if (!endpoint) throw CommandFailed(kExitUsage, "decode: " + endpoint.error().message);
  return *endpoint;
}

/// The whole content of one input file, read-only. A regular file is mapped (private,
/// pre-faulted: no copy and no page fault while decoding); anything else (a pipe, /dev/stdin) is
/// read into memory. The octets stay valid and unchanged while the object lives.
class InputFile {
 public:
  explicit InputFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw CommandFailed(kExitUsage, "decode: cannot open '" + path + "'");
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
        throw CommandFailed(kExitUsage, "decode: cannot read '" + path + "'");
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

/// Decodes payloads into the output buffer and keeps the error bookkeeping of one run.
class Decoding {
 public:
  Decoding(const DecodeArguments& args, const asterix::EditionSelector& editions)
      : args_(args), wanted_(args.categories.begin(), args.categories.end()), decoder_(editions) {
    out_.reserve(kFlushBytes + 65536);
  }

  void payload(asterix::Bytes bytes, std::size_t file_offset, const std::string& source) {
    decoder_.decode(
        bytes, file_offset,
        [&](const asterix::RecordView& record, std::optional<SacSic> sac_sic, std::size_t block,
            std::size_t r) {
          if (args_.format == "none") return;
          if (!wanted_.empty() && wanted_.count(record.edition.category()) == 0) return;
          asterix::decode_values(record, values_);
          if (args_.format == "jsonl") {
            asterix::append_record_json(values_, block, r, sac_sic, out_);
          } else {
            append_record_text(values_, block, r, sac_sic, out_);
          }
          if (out_.size() > kFlushBytes) flush(out_);
        },
        [&](const asterix::DecodeError& error) {
          ++error_count_;
          if (reported_kinds_.insert({error.category, static_cast<int>(error.kind)}).second) {
            std::cerr << "straja decode: " << source << ": " << error.describe()
                      << " (block skipped)\n";
          }
          hint_other_edition(error, source);
        });
  }

  /// Once per category and data source with skipped blocks: when the block decodes cleanly in
  /// other editions, names them (the usual cause is a feed in another edition than chosen).
  void hint_other_edition(const asterix::DecodeError& error, const std::string& source) {
    if (error.block.empty()) return;
    const std::optional<SacSic> sac_sic = asterix::first_data_source(error.block);
    const int key = sac_sic ? sac_sic->packed() : -1;
    if (!hinted_sources_.insert({error.category, key}).second) return;
    const std::vector<asterix::EditionNumber> clean = asterix::editions_that_decode(error.block);
    if (clean.empty()) return;
    const auto chosen = decoder_.editions().select(error.category, sac_sic);
    std::string editions;
    for (const asterix::EditionNumber& number : clean) {
      editions += (editions.empty() ? "" : ", ") + number.to_string();
    }
    char category[8];
    std::snprintf(category, sizeof category, "CAT%03d", error.category);
    std::string from;
    std::string at;
    if (sac_sic) {
      from = " from SAC/SIC " + std::to_string(sac_sic->sac) + "/" + std::to_string(sac_sic->sic);
      at = "@" + std::to_string(sac_sic->sac) + "/" + std::to_string(sac_sic->sic);
    }
    std::cerr << "straja decode: " << source << ": " << category << from << ": a block skipped in "
              << (chosen ? chosen->number().to_string() : "?") << " decodes cleanly as edition "
              << editions << " (wrong edition? try --edition " << error.category << "="
              << clean.back().to_string() << at << ")\n";
  }

  /// One live datagram: concatenated blocks, or ORADIS-framed blocks.
  void datagram(asterix::Bytes bytes, const std::string& source) {
    if (!asterix::looks_like_blocks(bytes) && asterix::looks_like_oradis(bytes)) {
      std::vector<asterix::Payload> blocks;
      asterix::split_oradis(asterix::Payload{bytes, 0}, blocks);
      for (const asterix::Payload& p : blocks) payload(p.bytes, p.file_offset, source);
      return;
    }
    payload(bytes, 0, source);
  }

  void flush_output() {
    flush(out_);
    std::fflush(stdout);
  }
  const asterix::StreamDecoder& decoder() const { return decoder_; }
  std::size_t error_count() const { return error_count_; }

 private:
  const DecodeArguments& args_;
  std::set<int> wanted_;
  asterix::StreamDecoder decoder_;
  asterix::DecodedRecord values_;
  std::string out_;
  std::set<std::pair<int, int>> reported_kinds_;
  std::set<std::pair<int, int>> hinted_sources_;  ///< (category, SAC << 8 | SIC or -1)
  std::size_t error_count_ = 0;
};

struct LiveInput {
  io::UdpEndpoint endpoint;
  std::unique_ptr<io::UdpReceiver> receiver;
  std::string label;
};

/// Receives from every live input until --duration, --count or SIGINT/SIGTERM.
void run_live(std::vector<LiveInput>& inputs, const DecodeArguments& args, Decoding& decoding) {
  using Clock = std::chrono::steady_clock;
  interrupted = false;
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  const auto end = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(args.duration_s));
  std::uint64_t received = 0;
  std::vector<std::uint8_t> datagram;
  const auto wait = std::chrono::milliseconds(inputs.size() > 1 ? 5 : 100);
  while (!interrupted && (args.duration_s <= 0 || Clock::now() < end) &&
         (args.count == 0 || received < args.count)) {
    for (LiveInput& input : inputs) {
      if (!input.receiver->next(datagram, wait)) continue;
      ++received;
      decoding.datagram(datagram, input.label);
      decoding.flush_output();  // live consumers see each datagram's records at once
      if (args.count != 0 && received >= args.count) break;
    }
  }
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

void run_decode(const DecodeArguments& args) {
  const bool framing_udp = args.framing == "udp";
  const auto framing = framing_udp ? asterix::Framing::kRaw : asterix::parse_framing(args.framing);
  if (!framing) {
    throw CommandFailed(kExitUsage, "decode: unknown --framing '" + args.framing +
                                        "' (auto, raw, pcap, oradis, gps, udp)");
  }
  if (args.format != "jsonl" && args.format != "text" && args.format != "none") {
    throw CommandFailed(kExitUsage,
                        "decode: unknown --format '" + args.format + "' (jsonl, text, none)");
  }
  asterix::EditionSelector editions;
  for (const std::string& text : args.editions) {
    if (const Status status = editions.apply(text); !status) {
      throw CommandFailed(kExitUsage, "decode: --edition: " + status.error().message);
    }
  }
  // Open every live input first, so a bad endpoint fails before any output.
  std::vector<LiveInput> live;
  std::vector<std::string> files;
  for (const std::string& input : args.inputs) {
    if (const auto endpoint = udp_input(input, framing_udp)) {
      auto receiver = io::UdpReceiver::open(*endpoint, args.buffer_bytes);
      if (!receiver) throw CommandFailed(kExitUsage, "decode: " + receiver.error().message);
      io::UdpEndpoint bound = *endpoint;
      bound.port = (*receiver)->port();
      std::cerr << "straja decode: listening on udp://" << bound.to_string() << '\n';
      live.push_back(LiveInput{bound, std::move(*receiver), "udp://" + bound.to_string()});
    } else {
      files.push_back(input);
    }
  }
  Decoding decoding(args, editions);
  for (const std::string& path : files) {
    const InputFile file(path);
    auto payloads = asterix::split_payloads(file.bytes(), *framing);
    if (!payloads) {
      throw CommandFailed(kExitUsage, "decode: " + path + ": " + payloads.error().describe());
    }
    for (const asterix::Payload& payload : *payloads) {
      decoding.payload(payload.bytes, payload.file_offset, path);
    }
  }
  if (!live.empty()) run_live(live, args, decoding);
  decoding.flush_output();
  if (args.stats) {
    const auto& stats = decoding.decoder().stats();
    for (std::size_t category = 0; category < stats.size(); ++category) {
      const asterix::CategoryStats& s = stats[category];
      if (s.records == 0 && s.errors == 0 && s.skipped_bytes == 0) continue;
      char line[128];
      std::snprintf(line, sizeof line, "CAT%03zu records=%llu errors=%llu skipped_bytes=%llu\n",
                    category, static_cast<unsigned long long>(s.records),
                    static_cast<unsigned long long>(s.errors),
                    static_cast<unsigned long long>(s.skipped_bytes));
      std::cerr << line;
    }
    for (const LiveInput& input : live) {
      const io::UdpCounters c = input.receiver->counters();
      std::cerr << "UDP " << input.endpoint.to_string() << " datagrams=" << c.datagrams
                << " bytes=" << c.bytes << " dropped_full=" << c.dropped_full
                << " dropped_kernel=" << c.dropped_kernel << '\n';
    }
  }
  if (decoding.error_count() > 0) {
    throw CommandFailed(kExitDataErrors, "decode: " + std::to_string(decoding.error_count()) +
                                             " block(s) skipped because of decode errors");
  }
}

}  // namespace

void add_decode_command(CLI::App& app) {
  auto args = std::make_shared<DecodeArguments>();
  CLI::App* command =
      app.add_subcommand("decode", "Decode ASTERIX recordings to JSON lines or text");
  command
      ->add_option("inputs", args->inputs,
                   "Recordings (.ast/.raw/.bin, .pcap/.pcapng, .gps) or live feeds "
                   "udp://ADDRESS:PORT, udp://GROUP:PORT[@INTERFACE] (multicast join)")
      ->required();
  command->add_option("--framing", args->framing,
                      "auto (default), raw, pcap, oradis, gps; udp: every input is ADDRESS:PORT");
  command->add_option(
      "--edition", args->editions,
      "Edition override CAT=ED or CAT=ED@SAC/SIC, e.g. 48=1.23 or 48=1.23@25/201 (repeatable)");
  command->add_option("--format", args->format,
                      "jsonl (default), text, or none (decode and check every record, write "
                      "nothing: with --stats, or for timing)");
  command->add_option("--category", args->categories,
                      "Only write records of these categories (repeatable)");
  command->add_flag("--stats", args->stats,
                    "Per-category counts on stderr: CAT048 records=N errors=E skipped_bytes=B "
                    "(and per live input: UDP ENDPOINT datagrams=N bytes=B dropped_full=D "
                    "dropped_kernel=K)");
  command
      ->add_option("--duration", args->duration_s,
                   "Live inputs: stop after this many seconds (default: until Ctrl-C)")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--count", args->count,
                      "Live inputs: stop after this many datagrams (default: no limit)");
  command
      ->add_option("--buffer-bytes", args->buffer_bytes,
                   "Live inputs: queue bound per socket; datagrams beyond it are dropped and "
                   "counted (default 8 MiB)")
      ->check(CLI::PositiveNumber);
  command->callback([args] { run_decode(*args); });
}

}  // namespace straja::cli
