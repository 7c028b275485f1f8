// straja replay RECORDING [--speed F|max] [--udp GROUP:PORT ...]: a raw input recording
// (docs/formats/recording.md) sent again bit for bit, each payload as one UDP datagram, with the
// recorded spacing scaled by --speed. One --udp target takes every source; several take source
// 0, 1, ... in order (payloads of a source beyond the last target are counted and skipped).

#include <iostream>
#include <memory>
#include <optional>

#include "cli/commands.h"
#include "io/pacer.h"
#include "io/recording.h"
#include "io/udp.h"

namespace straja::cli {
namespace {

struct ReplayArguments {
  std::string recording;
  std::string speed = "1";
  std::vector<std::string> udp;
};

void run(const ReplayArguments& args) {
  if (args.udp.empty())
    throw CommandFailed(kExitUsage, "replay: give at least one --udp GROUP:PORT");
  const double speed = parse_speed(args.speed);
  std::vector<std::unique_ptr<io::UdpSender>> senders;
  for (const std::string& target : args.udp) {
    const auto endpoint = io::UdpEndpoint::parse(target);
    if (!endpoint)
      throw CommandFailed(kExitUsage, "replay: --udp " + target + ": " + endpoint.error().message);
    auto sender = io::UdpSender::open(*endpoint, 1);
    if (!sender)
      throw CommandFailed(kExitUsage, "replay: --udp " + target + ": " + sender.error().message);
    senders.push_back(std::move(*sender));
  }
  auto reader = io::RecordingReader::open(args.recording);
  if (!reader) throw CommandFailed(kExitUsage, "replay: " + reader.error().message);

  io::RecordedPayload record;
  std::optional<io::Pacer> pacer;
  std::uint64_t sent = 0, unrouted = 0, failed = 0;
  std::string first_failure;
  while (reader->next(record)) {
    if (!pacer) pacer.emplace(speed, record.arrival);
    pacer->wait_until(record.arrival);
    const std::size_t target = senders.size() == 1 ? 0 : record.source;
    if (target >= senders.size()) {
      ++unrouted;
      continue;
    }
    if (const Status status = senders[target]->send(record.payload); !status) {
      if (failed++ == 0) first_failure = status.error().message;
      continue;
    }
    ++sent;
  }
  std::cerr << "straja replay: " << sent << " datagram(s) sent of " << reader->records()
            << " recorded\n";
  if (unrouted > 0) {
    std::cerr << "straja replay: " << unrouted
              << " payload(s) of sources without a --udp target skipped\n";
  }
  if (failed > 0) {
    std::cerr << "straja replay: " << failed
              << " datagram(s) not sent; the first: " << first_failure << '\n';
  }
  if (reader->bad_bytes() > 0) {
    throw CommandFailed(kExitDataErrors,
                        "replay: " + args.recording + ": the last " +
                            std::to_string(reader->bad_bytes()) +
                            " octet(s) are not a whole record (torn or corrupt), skipped");
  }
}

}  // namespace

void add_replay_command(CLI::App& app) {
  auto args = std::make_shared<ReplayArguments>();
  CLI::App* command = app.add_subcommand(
      "replay", "Send a raw input recording again, bit for bit (docs/formats/recording.md)");
  command->add_option("recording", args->recording, "The recording")->required();
  command->add_option("--speed", args->speed, "Recorded time per wall-clock time, or max")
      ->capture_default_str();
  command
      ->add_option("--udp", args->udp,
                   "GROUP:PORT[@IFACE] to send to, repeatable: one takes every source, several "
                   "take sources 0, 1, ... in order")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command->callback([args] { run(*args); });
}

}  // namespace straja::cli
