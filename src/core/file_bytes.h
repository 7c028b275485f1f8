#pragma once
// A whole file's bytes, read in one go (its size first, then one read).

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace straja {

/// The bytes of the file at `path`. Errors: kNotFound when it cannot be opened, kIo when it
/// cannot be read to the end; each message starts with the path.
Result<std::vector<std::uint8_t>> read_file_bytes(const std::string& path);

}  // namespace straja
