#pragma once
// A file compiled into the binary (built-in scenarios, the web page): see cmake/embed_files.cmake
// and straja_embed_files() in cmake/StrajaTargets.cmake.

#include <string_view>

namespace straja {

struct EmbeddedFile {
  std::string_view name;   ///< base name without extension ("first-light")
  std::string_view bytes;  ///< the file's content; static storage duration
};

}  // namespace straja
