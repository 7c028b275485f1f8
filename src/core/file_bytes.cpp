#include "core/file_bytes.h"

#include <fstream>
#include <ios>

namespace straja {

Result<std::vector<std::uint8_t>> read_file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorCode::kNotFound, path + ": cannot open");
  std::vector<std::uint8_t> bytes;
  const auto read_failed = [&path] { return make_error(ErrorCode::kIo, path + ": read failed"); };
  // A file with a size: one read of it.
  if (in.seekg(0, std::ios::end)) {
    const std::streamoff size = in.tellg();
    if (size >= 0 && in.seekg(0, std::ios::beg)) {
      bytes.resize(static_cast<std::size_t>(size));
      if (size > 0 && !in.read(reinterpret_cast<char*>(bytes.data()), size)) return read_failed();
      return bytes;
    }
  }
  // A pipe or a special file: read in pieces until the end.
  in.clear();
  char piece[1 << 16];
  while (in.read(piece, sizeof piece) || in.gcount() > 0) {
    bytes.insert(bytes.end(), piece, piece + in.gcount());
  }
  if (in.bad()) return read_failed();
  return bytes;
}

}  // namespace straja
