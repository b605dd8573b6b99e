// The query domain tables (query/request.h): names and what each output
// format shows, which option checks, run and the printer factory all read.
#include "query/request.h"

#include <gtest/gtest.h>

namespace lede::query {
namespace {

TEST(Request, FacetNames) {
  EXPECT_STREQ(facet_name(FacetKind::kSource), "source");
  EXPECT_STREQ(facet_name(FacetKind::kAuthor), "author");
  EXPECT_STREQ(facet_name(FacetKind::kYear), "year");
  EXPECT_STREQ(facet_name(FacetKind::kMonth), "month");
  EXPECT_STREQ(facet_name(FacetKind::kTag), "tag");
}

// Every format has exactly one row, so format_info() never falls back.
TEST(Request, EveryFormatHasOneRow) {
  const Format all[] = {Format::kText,  Format::kJson,   Format::kJsonl,
                        Format::kTsv,   Format::kPaths,  Format::kPaths0,
                        Format::kTrec};
  EXPECT_EQ(std::size(kFormats), std::size(all));
  for (Format f : all) {
    int rows = 0;
    for (const FormatInfo& info : kFormats) rows += info.format == f;
    EXPECT_EQ(rows, 1) << static_cast<int>(f);
    EXPECT_EQ(format_info(f).format, f);
  }
}

TEST(Request, WhatEachFormatShows) {
  using Names = std::vector<std::string>;
  EXPECT_EQ(formats_showing(&FormatInfo::text),
            (Names{"text", "json", "jsonl"}));
  EXPECT_EQ(formats_showing(&FormatInfo::facets), (Names{"text", "json"}));
  EXPECT_EQ(formats_showing(&FormatInfo::explain),
            (Names{"text", "json", "jsonl"}));
  EXPECT_EQ(formats_showing(&FormatInfo::query_echo), (Names{"text", "json"}));
  EXPECT_EQ(formats_showing(&FormatInfo::suggestion), Names{"json"});
  EXPECT_EQ(formats_showing(&FormatInfo::stats), (Names{"text", "json"}));
}

}  // namespace
}  // namespace lede::query
