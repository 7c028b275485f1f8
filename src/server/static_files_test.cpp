#include "server/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace straja::server {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // One directory per process and test: tests run in parallel processes, and under ASan their
    // heap addresses are the same in every process.
    base_ = fs::temp_directory_path() /
            ("straja-static-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    fs::create_directories(base_ / "root" / "sub");
    std::ofstream(base_ / "root" / "index.html") << "i";
    std::ofstream(base_ / "root" / "sub" / "index.html") << "s";
    std::ofstream(base_ / "root" / "a b.js") << "a";
    std::ofstream(base_ / "outside.txt") << "o";
    fs::create_symlink(base_ / "outside.txt", base_ / "root" / "link.txt");
    root_ = fs::canonical(base_ / "root");
  }
  void TearDown() override { fs::remove_all(base_); }
  fs::path base_;
  fs::path root_;
};

TEST_F(StaticFilesTest, ResolvesFilesAndDirectoryIndexes) {
  EXPECT_EQ(resolve_static_file(root_, "/").path, root_ / "index.html");
  EXPECT_EQ(resolve_static_file(root_, "/sub").path, root_ / "sub" / "index.html");
  EXPECT_EQ(resolve_static_file(root_, "/sub/").path, root_ / "sub" / "index.html");
  EXPECT_EQ(resolve_static_file(root_, "/a%20b.js").path, root_ / "a b.js");
  EXPECT_EQ(resolve_static_file(root_, "//./a%20b.js").status, StaticStatus::kOk);
  EXPECT_EQ(resolve_static_file(root_, "/nope.js").status, StaticStatus::kNotFound);
}

TEST_F(StaticFilesTest, RefusesEveryWayOut) {
  for (const char* bad :
       {"/../outside.txt", "/sub/../../outside.txt", "/%2e%2e/outside.txt", "/%2E%2E%2Foutside.txt",
        "/..\\outside.txt", "/sub/%2e%2e", "/%", "/%4", "/%00", "relative"}) {
    EXPECT_EQ(resolve_static_file(root_, bad).status, StaticStatus::kBadRequest) << bad;
  }
  EXPECT_EQ(resolve_static_file(root_, "/link.txt").status, StaticStatus::kNotFound);
  EXPECT_EQ(resolve_static_file(root_, ("/" + (base_ / "outside.txt").string())).status,
            StaticStatus::kNotFound);
}

TEST(StaticFiles, ContentTypes) {
  EXPECT_EQ(content_type_for("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("app.1234.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("s.css"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("d.json"), "application/json");
  EXPECT_EQ(content_type_for("i.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("i.png"), "image/png");
  EXPECT_EQ(content_type_for("f.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("m.wasm"), "application/wasm");
  EXPECT_EQ(content_type_for("x.bin"), "application/octet-stream");
  EXPECT_EQ(content_type_for(".js"), "application/octet-stream");
}

TEST(StaticFiles, PercentDecodingAndQueryParameters) {
  EXPECT_EQ(percent_decode("/a%2Fb%41"), "/a/bA");
  EXPECT_FALSE(percent_decode("%g0").has_value());
  EXPECT_EQ(query_parameter("a=1&token=x%20y&b", "token"), "x y");
  EXPECT_EQ(query_parameter("token", "token"), "");
  EXPECT_FALSE(query_parameter("tokens=1", "token").has_value());
}

TEST(StaticFiles, WebRootLookupOrder) {
  const fs::path dir = fs::temp_directory_path() / "straja-webroot-order";
  fs::remove_all(dir);
  fs::create_directories(dir / "web");
  fs::create_directories(dir / "release");
  const fs::path exe = dir / "release" / "straja";
  EXPECT_EQ(find_web_root("", nullptr, exe).root, fs::canonical(dir / "web"));
  EXPECT_EQ(find_web_root("", nullptr, exe).from, "executable");
  EXPECT_EQ(find_web_root("", (dir / "release").c_str(), exe).root, fs::canonical(dir / "release"));
  EXPECT_EQ(find_web_root((dir / "release").string(), "/nonexistent", exe).from, "--web-root");
  const WebRootChoice missing = find_web_root("/nonexistent-dir", nullptr, exe);
  EXPECT_FALSE(missing.root.has_value());
  EXPECT_NE(missing.problem.find("--web-root"), std::string::npos);
  EXPECT_FALSE(find_web_root("", nullptr, dir / "x" / "y" / "straja").root.has_value());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace straja::server
