#include "analyzer/text.hpp"

#include <gtest/gtest.h>

#include <limits>

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

TEST(XmlEscape, EscapesTheFiveSpecialCharactersAndCopiesTheRest) {
  EXPECT_EQ(xml_escape(""), "");
  EXPECT_EQ(xml_escape("M1 \u2192 AP"), "M1 \u2192 AP");
  EXPECT_EQ(xml_escape("<a href=\"x\">R&D's</a>"),
            "&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;");
  EXPECT_EQ(xml_escape("&&"), "&amp;&amp;");
  // Appending keeps what was there; a NUL is an ordinary character.
  std::string o = "<g>";
  append_xml_escaped(o, std::string_view("x\0<", 3));
  EXPECT_EQ(o, std::string("<g>x\0&lt;", 9));
}

TEST(AppendDec, WholeRangeOfSignedValues) {
  std::string o = "y=";
  append_dec(o, 0);
  o += ',';
  append_dec(o, -42);
  o += ',';
  append_dec(o, std::numeric_limits<std::int64_t>::min());
  o += ',';
  append_dec(o, std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(o, "y=0,-42,-9223372036854775808,9223372036854775807");
}

}  // namespace
}  // namespace wps::analyzer
