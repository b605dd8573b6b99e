// The run summary: how reasons aggregate and what the exit status says.
#include "indexer/summary.h"

#include <gtest/gtest.h>

namespace lede::indexer {
namespace {

TEST(ReportReason, IsTheMessageWithoutWhereOrDetail) {
  EXPECT_EQ(report_reason("not valid JSON at column 17: invalid literal"),
            "not valid JSON");
  EXPECT_EQ(report_reason("not valid JSON at column 3: unexpected '}'"),
            "not valid JSON");
  EXPECT_EQ(report_reason("not valid JSON at line 4: x"), "not valid JSON");
  EXPECT_EQ(report_reason("not valid JSON: unexpected end"), "not valid JSON");
  EXPECT_EQ(report_reason("no title or text"), "no title or text");
  EXPECT_EQ(report_reason("duplicate id: '7' is already indexed from a:1"),
            "duplicate id");
  EXPECT_EQ(report_reason("larger than --max-file-size (64 MiB)"),
            "larger than --max-file-size");
  // A number that is not a position stays.
  EXPECT_EQ(report_reason("error 42"), "error 42");
}

TEST(Summary, SkipsAndFailuresKnownFromAnEarlierRunDoNotFailTheRun) {
  Summary s;
  EXPECT_EQ(s.exit_status(), 0);
  s.count({"a.jsonl:2", "no title or text", Report::Kind::kSkipped});
  EXPECT_EQ(s.exit_status(), 1);
  s.skipped_known = 1;
  EXPECT_EQ(s.exit_status(), 0);
  s.count({"b.txt", "cannot read: permission denied", Report::Kind::kFailed});
  EXPECT_EQ(s.exit_status(), 1);
  s.failed_known = 1;
  EXPECT_EQ(s.exit_status(), 0);
  s.count({"c.txt", "not valid UTF-8", Report::Kind::kWarning});
  EXPECT_EQ(s.exit_status(), 0);
  s.interrupted = true;
  EXPECT_EQ(s.exit_status(), 130);
}

}  // namespace
}  // namespace lede::indexer
