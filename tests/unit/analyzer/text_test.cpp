#include "analyzer/text.hpp"

#include <gtest/gtest.h>

namespace wps::analyzer {
namespace {

TEST(Cell, PadsOrCutsWithAnEllipsisAndAlwaysLeavesASpace) {
  std::string o;
  cell(o, "short", 8);
  EXPECT_EQ(o, "short   ");
  o.clear();
  cell(o, "exactly8", 8);  // would touch the next column: cut
  EXPECT_EQ(o, "exactl\u2026 ");
  EXPECT_EQ(text_width(o), 8u);
  o.clear();
  cell(o, "seven77", 8);
  EXPECT_EQ(o, "seven77 ");
  o.clear();
  // UTF-8: cut on code points, never inside one.
  cell(o, "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9", 5);
  EXPECT_EQ(o, "\u00e9\u00e9\u00e9\u2026 ");
  EXPECT_EQ(text_width(o), 5u);
}

}  // namespace
}  // namespace wps::analyzer
