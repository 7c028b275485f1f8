// read_file_bytes: a regular file's bytes exactly (empty, binary with zeros and 0xFF, larger
// than one read piece), a pipe's bytes to the end, and a missing file as kNotFound.

#include "core/file_bytes.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

namespace straja {
namespace {

std::filesystem::path temporary(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         (name + "." + std::to_string(static_cast<long>(getpid())));
}

TEST(ReadFileBytes, RegularFilesExactly) {
  for (const std::size_t size : {std::size_t{0}, std::size_t{3}, std::size_t{200'003}}) {
    std::vector<std::uint8_t> written(size);
    for (std::size_t i = 0; i < size; ++i) written[i] = static_cast<std::uint8_t>((i * 37) % 256);
    const auto path = temporary("read_file_bytes");
    {
      std::ofstream out(path, std::ios::binary);
      out.write(reinterpret_cast<const char*>(written.data()),
                static_cast<std::streamsize>(written.size()));
    }
    const auto read = read_file_bytes(path.string());
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(*read, written) << size;
    std::filesystem::remove(path);
  }
}

TEST(ReadFileBytes, PipeToItsEnd) {
  int ends[2];
  ASSERT_EQ(pipe(ends), 0);
  std::vector<std::uint8_t> written(150'000);
  for (std::size_t i = 0; i < written.size(); ++i) written[i] = static_cast<std::uint8_t>(i % 251);
  std::thread writer([&] {
    std::size_t at = 0;
    while (at < written.size()) {
      const ssize_t n = write(ends[1], written.data() + at, written.size() - at);
      if (n <= 0) break;
      at += static_cast<std::size_t>(n);
    }
    close(ends[1]);
  });
  const auto read = read_file_bytes("/dev/fd/" + std::to_string(ends[0]));
  writer.join();
  close(ends[0]);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(*read, written);
}

TEST(ReadFileBytes, MissingFileIsNotFoundAndNamed) {
  const auto read = read_file_bytes("/nonexistent/straja/file.ast");
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, ErrorCode::kNotFound);
  EXPECT_NE(read.error().message.find("/nonexistent/straja/file.ast"), std::string::npos);
}

}  // namespace
}  // namespace straja
