#include "indexer/input_reader.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "common/error.h"
#include "tests/testutil/testutil.h"

namespace lede::indexer {
namespace {

namespace fs = std::filesystem;
using lede::testing::TempDir;
using lede::testing::write_file;

std::string fixture(const std::string& name) {
  return std::string(LEDE_SOURCE_DIR) + "/tests/indexer/fixtures/" + name;
}

TEST(ReadInput, PlainFile) {
  TempDir dir;
  write_file(dir.path() / "a.txt", "Hello.\n");
  const ReadOutcome r = read_input(dir.str("a.txt"), kDefaultMaxFileSize);
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.bytes, "Hello.\n");
  EXPECT_FALSE(r.gzip);
}

TEST(ReadInput, EmptyFileIsReadNotRefused) {
  // Emptiness is the parser's to report ("empty file").
  TempDir dir;
  write_file(dir.path() / "e.txt", "");
  const ReadOutcome r = read_input(dir.str("e.txt"), kDefaultMaxFileSize);
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.bytes, "");
}

TEST(ReadInput, MissingFile) {
  TempDir dir;
  const ReadOutcome r = read_input(dir.str("nope.txt"), kDefaultMaxFileSize);
  EXPECT_EQ(r.error, "cannot read: no such file or directory");
}

TEST(ReadInput, Directory) {
  TempDir dir;
  EXPECT_EQ(read_input(dir.str(), kDefaultMaxFileSize).error, "is a directory");
}

TEST(ReadInput, FifoIsRefusedWithoutBlocking) {
  TempDir dir;
  ASSERT_EQ(::mkfifo(dir.str("pipe").c_str(), 0600), 0);
  EXPECT_EQ(read_input(dir.str("pipe"), kDefaultMaxFileSize).error,
            "not a regular file");
}

TEST(ReadInput, UnreadableFile) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads files whatever their mode";
  TempDir dir;
  write_file(dir.path() / "secret.txt", "x");
  fs::permissions(dir.path() / "secret.txt", fs::perms::none);
  EXPECT_EQ(read_input(dir.str("secret.txt"), kDefaultMaxFileSize).error,
            "cannot read: permission denied");
}

TEST(ReadInput, OverTheSizeCap) {
  TempDir dir;
  write_file(dir.path() / "big.txt", std::string(1025, 'x'));
  write_file(dir.path() / "fits.txt", std::string(1024, 'x'));
  EXPECT_EQ(read_input(dir.str("big.txt"), 1024).error,
            "larger than --max-file-size (1 KiB)");
  EXPECT_EQ(read_input(dir.str("fits.txt"), 1024).error, "");
}

// A file holding more than its size said when it was opened (one that grew
// since, like a /proc file whose size the kernel gives as 0) is read to its
// end, and still within the cap.
TEST(ReadInput, MoreThanItsSizeAtOpenIsReadWithinTheCap) {
  struct stat st {};
  ASSERT_EQ(::stat("/proc/self/status", &st), 0);
  ASSERT_EQ(st.st_size, 0) << "the kernel knows its size after all";
  const ReadOutcome whole = read_input("/proc/self/status", 1 << 20);
  EXPECT_EQ(whole.error, "");
  EXPECT_EQ(whole.bytes.substr(0, 5), "Name:");
  EXPECT_NE(whole.bytes.find("\nPid:"), std::string::npos);
  const ReadOutcome capped = read_input("/proc/self/status", 64);
  EXPECT_EQ(capped.error, "larger than --max-file-size (64 bytes)");
  EXPECT_EQ(capped.bytes, "");
}

TEST(ReadInput, GzipByName) {
  const ReadOutcome r =
      read_input(fixture("gz/story.txt.gz"), kDefaultMaxFileSize);
  EXPECT_EQ(r.error, "");
  EXPECT_TRUE(r.gzip);
  EXPECT_EQ(r.bytes,
            "Title: Compressed story\nDate: 2024-03-05\n\n"
            "The body of a gzip-compressed story.\n");
}

TEST(ReadInput, GzipByMagicBytesWhateverTheName) {
  TempDir dir;
  fs::copy_file(fixture("gz/story.txt.gz"), dir.path() / "story.txt");
  const ReadOutcome r = read_input(dir.str("story.txt"), kDefaultMaxFileSize);
  EXPECT_EQ(r.error, "");
  EXPECT_TRUE(r.gzip);
  EXPECT_TRUE(r.bytes.starts_with("Title: Compressed story\n"));
}

TEST(ReadInput, GzipWithSeveralMembers) {
  const ReadOutcome r =
      read_input(fixture("gz/two-members.jsonl.gz"), kDefaultMaxFileSize);
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.bytes,
            "{\"id\":\"a\",\"title\":\"First member\",\"text\":\"one\"}\n"
            "{\"id\":\"b\",\"title\":\"Second member\",\"text\":\"two\"}\n");
}

TEST(ReadInput, TruncatedGzip) {
  const ReadOutcome r =
      read_input(fixture("gz/truncated.txt.gz"), kDefaultMaxFileSize);
  EXPECT_EQ(r.error, "not valid gzip data: truncated");
  EXPECT_EQ(r.bytes, "");
}

TEST(ReadInput, CorruptGzip) {
  const ReadOutcome r =
      read_input(fixture("gz/corrupt.txt.gz"), kDefaultMaxFileSize);
  EXPECT_TRUE(r.error.starts_with("not valid gzip data: ")) << r.error;
  EXPECT_EQ(r.bytes, "");
}

TEST(ReadInput, GzNameWithoutGzipData) {
  EXPECT_EQ(
      read_input(fixture("gz/not-gzip.txt.gz"), kDefaultMaxFileSize).error,
      "not valid gzip data: no gzip header");
}

TEST(ReadInput, DecompressedSizeIsCapped) {
  // 1 KiB on disk, 1 MiB inflated.
  const ReadOutcome capped = read_input(fixture("gz/bomb.txt.gz"), 64 << 10);
  EXPECT_EQ(capped.error, "decompressed size exceeds --max-file-size (64 KiB)");
  EXPECT_EQ(capped.bytes, "");
  const ReadOutcome whole = read_input(fixture("gz/bomb.txt.gz"), 1 << 20);
  EXPECT_EQ(whole.error, "");
  EXPECT_EQ(whole.bytes, std::string(1 << 20, 'a'));
}

TEST(ReadInput, NulByteEarlyMeansBinaryUnlessReadLineByLine) {
  TempDir dir;
  write_file(dir.path() / "image.png",
             std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  const ReadOutcome png = read_input(dir.str("image.png"), kDefaultMaxFileSize);
  EXPECT_EQ(png.error, "");
  EXPECT_TRUE(png.nul_byte);
  EXPECT_EQ(binary_error(png, false), "binary file (not text)");
  EXPECT_EQ(binary_error(png, true), "");  // JSON Lines: line by line
  // A NUL far into a text file is not sniffed for.
  std::string late(kBinarySniffSize + 10, 'x');
  late[kBinarySniffSize + 5] = '\0';
  write_file(dir.path() / "late.txt", late);
  const ReadOutcome r = read_input(dir.str("late.txt"), kDefaultMaxFileSize);
  EXPECT_FALSE(r.nul_byte);
  EXPECT_EQ(binary_error(r, false), "");
}

TEST(ReadInput, Utf16WithByteOrderMarkIsTranscoded) {
  TempDir dir;
  // "Caf\u00e9 \u65b0" in UTF-16LE and UTF-16BE, each after its BOM.
  write_file(dir.path() / "le.txt", std::string("\xFF\xFE"
                                                "C\0a\0f\0\xE9\0 \0\xB0\x65",
                                                14));
  write_file(dir.path() / "be.txt", std::string("\xFE\xFF"
                                                "\0C\0a\0f\0\xE9\0 \x65\xB0",
                                                14));
  const ReadOutcome le = read_input(dir.str("le.txt"), kDefaultMaxFileSize);
  EXPECT_EQ(le.error, "");
  EXPECT_EQ(le.encoding, "UTF-16LE");
  EXPECT_EQ(le.bytes, "Caf\xC3\xA9 \xE6\x96\xB0");
  const ReadOutcome be = read_input(dir.str("be.txt"), kDefaultMaxFileSize);
  EXPECT_EQ(be.encoding, "UTF-16BE");
  EXPECT_EQ(be.bytes, "Caf\xC3\xA9 \xE6\x96\xB0");
}

TEST(ReadStream, PlainAndGzipAndCapped) {
  std::istringstream plain("{\"title\":\"x\"}\n");
  const ReadOutcome p = read_stream(plain, kDefaultMaxFileSize);
  EXPECT_EQ(p.error, "");
  EXPECT_EQ(p.bytes, "{\"title\":\"x\"}\n");

  std::istringstream gz(lede::testing::read_file(fixture("gz/story.txt.gz")));
  const ReadOutcome g = read_stream(gz, kDefaultMaxFileSize);
  EXPECT_EQ(g.error, "");
  EXPECT_TRUE(g.gzip);
  EXPECT_TRUE(g.bytes.starts_with("Title: Compressed story"));

  std::istringstream big(std::string(3000, 'x'));
  EXPECT_EQ(read_stream(big, 2048).error,
            "larger than --max-file-size (2 KiB)");
}

TEST(FormatSize, AsMessagesPrintIt) {
  EXPECT_EQ(format_size(64ull << 20), "64 MiB");
  EXPECT_EQ(format_size(2ull << 30), "2 GiB");
  EXPECT_EQ(format_size(1536), "1536 bytes");
  EXPECT_EQ(format_size(512 << 10), "512 KiB");
  EXPECT_EQ(format_size(1), "1 byte");
}

TEST(ParseSize, Forms) {
  struct Row {
    const char* text;
    std::uint64_t bytes;
  };
  const Row rows[] = {
      {"1048576", 1048576},     {"64M", 64ull << 20},
      {"64m", 64ull << 20},     {"64MiB", 64ull << 20},
      {"64MB", 64ull << 20},    {"500k", 500ull << 10},
      {"500KiB", 500ull << 10}, {"1G", 1ull << 30},
      {"2gib", 2ull << 30},     {"10b", 10},
  };
  for (const Row& r : rows) EXPECT_EQ(parse_size(r.text), r.bytes) << r.text;
  for (const char* bad : {"", "M", "-1", "1.5M", "12 M", "1T", "0", "0M",
                          "99999999999999999999", "17179869184G"}) {
    EXPECT_THROW((void)parse_size(bad), UsageError) << bad;
  }
}

}  // namespace
}  // namespace lede::indexer
