// Inputs: argument expansion (missing paths, directories with and without -r, link cycles,
// special files) and reading (empty files, unreadable files, path lists).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

#include "io/input.h"

using namespace trich;
namespace fs = std::filesystem;

namespace {

// A fresh directory under the system's temporary directory, removed at the end of the test.
struct TempDir {
  std::string path;
  TempDir() {
    std::string t = (fs::temp_directory_path() / "trich-input-XXXXXX").string();
    REQUIRE(::mkdtemp(t.data()) != nullptr);
    path = t;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string file(const std::string& rel, const std::string& content = "x") const {
    std::string p = path + "/" + rel;
    fs::create_directories(fs::path(p).parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
};

std::string rel(const TempDir& t, const Input& in) { return in.path.substr(t.path.size() + 1); }

}  // namespace

TEST_CASE("no argument is standard input") {
  auto in = expand_inputs({}, false);
  REQUIRE(in.size() == 1);
  CHECK(in[0].path == "-");
  CHECK_FALSE(in[0].error);
}

TEST_CASE("paths that cannot be used carry their error, in place") {
  TempDir t;
  std::string a = t.file("a.txt"), b = t.file("b.txt");
  fs::create_directory(t.path + "/dir");
  fs::create_symlink("self", t.path + "/self");  // a link that points at itself
  auto in = expand_inputs({a, t.path + "/missing.txt", t.path + "/dir", t.path + "/self", b},
                          false);
  REQUIRE(in.size() == 5);
  CHECK_FALSE(in[0].error);
  REQUIRE(in[1].error);
  CHECK(in[1].error->message == "No such file or directory");
  REQUIRE(in[2].error);
  CHECK(in[2].error->message == "is a directory (use -r to read the files under it)");
  REQUIRE(in[3].error);
  CHECK(in[3].error->message == "Too many levels of symbolic links");
  CHECK_FALSE(in[4].error);
  for (const auto& i : in) CHECK_FALSE(i.in_directory);
}

TEST_CASE("recursing walks regular files in sorted path order, following links but not loops") {
  TempDir t;
  t.file("d/b/z.txt");
  t.file("d/a/y.txt");
  t.file("d/x.txt");
  t.file("other/w.txt");
  fs::create_directory_symlink("..", t.path + "/d/a/up");        // a cycle
  fs::create_directory_symlink("../other", t.path + "/d/link");  // no cycle: walked
  fs::create_symlink("nowhere", t.path + "/d/dangling");
  REQUIRE(::mkfifo((t.path + "/d/fifo").c_str(), 0644) == 0);  // skipped quietly
  auto in = expand_inputs({t.path + "/d"}, true);
  std::vector<std::string> got;
  for (const auto& i : in) {
    got.push_back(rel(t, i) + (i.error ? " ! " + i.error->message : ""));
    CHECK(i.in_directory);
  }
  std::vector<std::string> want = {
      "d/a/up ! directory loop (symbolic link cycle); skipped",
      "d/a/y.txt",
      "d/b/z.txt",
      "d/dangling ! No such file or directory",
      "d/link/w.txt",
      "d/x.txt",
  };
  CHECK(got == want);
}

TEST_CASE("a directory reached twice without a cycle is not a loop") {
  TempDir t;
  t.file("d/a/f.txt");
  fs::create_directory_symlink("a", t.path + "/d/b");
  auto in = expand_inputs({t.path + "/d"}, true);
  REQUIRE(in.size() == 2);
  CHECK_FALSE(in[0].error);
  CHECK_FALSE(in[1].error);
  CHECK(rel(t, in[1]) == "d/b/f.txt");
}

TEST_CASE("reading inputs") {
  TempDir t;
  SECTION("an empty file is empty text") {
    auto r = read_input(t.file("empty.txt", ""));
    REQUIRE(r.ok());
    CHECK(r.value().empty());
  }
  SECTION("bytes are read as they are, with no newline added") {
    std::string bytes("a\0b\r\nc", 6);
    auto r = read_input(t.file("bin", bytes));
    REQUIRE(r.ok());
    CHECK(r.value() == bytes);
  }
  SECTION("a file larger than the read buffer") {
    std::string big(300000, 'q');
    big[299999] = 'z';
    auto r = read_input(t.file("big.txt", big));
    REQUIRE(r.ok());
    CHECK(r.value() == big);
  }
  SECTION("a file that cannot be read is an error naming it") {
    // /proc/self/mem opens, even for root, but reading its first page fails.
    auto r = read_input("/proc/self/mem");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().file == "/proc/self/mem");
    CHECK(r.error().severity == Severity::error);
    CHECK(r.error().message == "Input/output error");
  }
  SECTION("a missing file") {
    auto r = read_input(t.path + "/nope");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "No such file or directory");
  }
}

TEST_CASE("path lists: one path a line, CRLF and blank lines tolerated") {
  TempDir t;
  auto r = read_path_list(t.file("list", "a.txt\r\n\nb c.txt\n\nd.txt"));
  REQUIRE(r.ok());
  CHECK(r.value().paths == std::vector<std::string>{"a.txt", "b c.txt", "d.txt"});
  CHECK(r.value().errors.empty());
}

TEST_CASE("path lists: line ends, NUL-separated lists, a NUL without --null") {
  struct Case {
    std::string list;
    bool nul;
    std::vector<std::string> paths;
    std::vector<int> error_lines;  // lines reported as holding a NUL
  };
  const std::vector<Case> cases = {
      {"a\rb\r\rc", false, {"a", "b", "c"}, {}},              // classic Mac line ends
      {"a\r\nb\rc\nd\n", false, {"a", "b", "c", "d"}, {}},  // mixed
      {std::string("a\0b c\0\0d\0", 9), true, {"a", "b c", "d"}, {}},
      {std::string("x\ny\0", 4), true, {"x\ny"}, {}},  // a newline in a name, with --null
      {std::string("a\0b\0c", 5), false, {}, {1}},      // find -print0 without --null
      {std::string("a\nb\0c\nd", 7), false, {"a", "d"}, {2}},
  };
  TempDir t;
  for (const auto& c : cases) {
    auto r = read_path_list(t.file("list", c.list), c.nul);
    REQUIRE(r.ok());
    CHECK(r.value().paths == c.paths);
    std::vector<int> lines;
    for (const auto& e : r.value().errors) {
      lines.push_back(e.line);
      CHECK(e.message.find("--null") != std::string::npos);
    }
    CHECK(lines == c.error_lines);
  }
}
