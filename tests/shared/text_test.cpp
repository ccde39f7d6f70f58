// UTF-8 checks, code point splices, diffs and the operational transform that merges
// concurrent edits of one cell. The random tests use a fixed seed so a failure reproduces.

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "shared/text.hpp"

namespace jos::shared {
namespace {

// A reference model: text as a sequence of code points, each kept as its UTF-8 bytes.
using cps = std::vector<std::string>;

std::string join(const cps& v) {
  std::string out;
  for (const auto& s : v) out += s;
  return out;
}

cps split(const std::string& s) {
  cps out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0xF0) {
      len = 4;
    } else if (c >= 0xE0) {
      len = 3;
    } else if (c >= 0xC0) {
      len = 2;
    }
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

cps reference_apply(cps text, const splice& s) {
  const cps ins = split(s.ins);
  text.erase(text.begin() + static_cast<std::ptrdiff_t>(s.pos),
             text.begin() + static_cast<std::ptrdiff_t>(s.pos + s.del));
  text.insert(text.begin() + static_cast<std::ptrdiff_t>(s.pos), ins.begin(), ins.end());
  return text;
}

struct random_text {
  std::mt19937& rng;

  std::string pick(const std::vector<std::string>& alphabet, std::size_t max_len) {
    std::uniform_int_distribution<std::size_t> len_dist(0, max_len);
    std::uniform_int_distribution<std::size_t> ch(0, alphabet.size() - 1);
    std::string out;
    for (std::size_t n = len_dist(rng); n > 0; --n) out += alphabet[ch(rng)];
    return out;
  }

  splice edit_of(const std::string& text, const std::vector<std::string>& alphabet,
                 std::size_t max_ins) {
    const std::size_t length = code_points(text);
    splice s;
    s.pos = std::uniform_int_distribution<std::size_t>(0, length)(rng);
    s.del = std::uniform_int_distribution<std::size_t>(0, length - s.pos)(rng);
    // Pure inserts and pure deletes are the common cases while typing: make them frequent.
    const int shape = std::uniform_int_distribution<int>(0, 3)(rng);
    if (shape == 0) s.del = 0;
    s.ins = shape == 1 ? std::string{} : pick(alphabet, max_ins);
    return s;
  }
};

const std::vector<std::string> mixed = {"a", "b", " ", "ë", "é", "‘", "’", "–", "😀", "\n"};

bool fits(const std::string& text, const splice& s) {
  const std::size_t length = code_points(text);
  return s.pos <= length && s.del <= length - s.pos;
}

// Applies splices in order, failing the test if one does not fit the text at that point.
std::string apply_all(std::string text, const std::vector<splice>& edits) {
  for (const auto& e : edits) {
    EXPECT_TRUE(fits(text, e)) << "pos " << e.pos << " del " << e.del << " on \"" << text << "\"";
    if (!fits(text, e)) return text;
    apply_splice(text, e);
  }
  return text;
}

std::string apply_one(std::string text, const splice& e) {
  apply_splice(text, e);
  return text;
}

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_TRUE(valid_utf8(""));
  EXPECT_TRUE(valid_utf8("gewone tekst"));
  EXPECT_TRUE(valid_utf8("ëé‘’–"));
  EXPECT_TRUE(valid_utf8("coördinator, geëvalueerd, geïnitieerd"));
  EXPECT_TRUE(valid_utf8("\xF0\x9F\x98\x80"));      // U+1F600
  EXPECT_TRUE(valid_utf8("\xF4\x8F\xBF\xBF"));      // U+10FFFF, the last code point
  EXPECT_TRUE(valid_utf8("\xED\x9F\xBF"));          // U+D7FF, just below the surrogates
  EXPECT_TRUE(valid_utf8("\xEE\x80\x80"));          // U+E000, just above them
  EXPECT_TRUE(valid_utf8("\xC2\x80"));              // U+0080, smallest two-byte form
  EXPECT_TRUE(valid_utf8("\xE0\xA0\x80"));          // U+0800, smallest three-byte form
  EXPECT_TRUE(valid_utf8("\xF0\x90\x80\x80"));      // U+10000, smallest four-byte form
  EXPECT_TRUE(valid_utf8(std::string("a\0b", 3)));  // NUL is valid UTF-8 (printable rejects it)
}

TEST(Utf8, RejectsOverlongForms) {
  EXPECT_FALSE(valid_utf8("\xC0\x80"));
  EXPECT_FALSE(valid_utf8("\xC1\xBF"));
  EXPECT_FALSE(valid_utf8("\xC0\xAF"));  // overlong '/'
  EXPECT_FALSE(valid_utf8("\xE0\x80\x80"));
  EXPECT_FALSE(valid_utf8("\xE0\x9F\xBF"));
  EXPECT_FALSE(valid_utf8("\xF0\x80\x80\x80"));
  EXPECT_FALSE(valid_utf8("\xF0\x8F\xBF\xBF"));
}

TEST(Utf8, RejectsSurrogates) {
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));              // U+D800
  EXPECT_FALSE(valid_utf8("\xED\xAF\xBF"));              // U+DBFF
  EXPECT_FALSE(valid_utf8("\xED\xB0\x80"));              // U+DC00
  EXPECT_FALSE(valid_utf8("\xED\xBF\xBF"));              // U+DFFF
  EXPECT_FALSE(valid_utf8("\xED\xA0\xBD\xED\xB8\x80"));  // CESU-8 pair
}

TEST(Utf8, RejectsTruncatedAndBrokenSequences) {
  EXPECT_FALSE(valid_utf8("\xC3"));
  EXPECT_FALSE(valid_utf8("co\xC3"));
  EXPECT_FALSE(valid_utf8("\xE2\x80"));
  EXPECT_FALSE(valid_utf8("\xF0\x9F\x98"));
  EXPECT_FALSE(valid_utf8("\xC3rdinator"));  // lead byte without continuation
  EXPECT_FALSE(valid_utf8("\xE2\x80rest"));
  EXPECT_FALSE(valid_utf8("\x80"));  // lone continuation byte
  EXPECT_FALSE(valid_utf8("a\xABz"));
  EXPECT_FALSE(valid_utf8("\xC3\xAB\xAB"));  // one continuation too many
}

TEST(Utf8, RejectsBeyondU10FFFFAndInvalidBytes) {
  EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(valid_utf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(valid_utf8("\xF7\xBF\xBF\xBF"));
  EXPECT_FALSE(valid_utf8("\xF8\x88\x80\x80\x80"));
  EXPECT_FALSE(valid_utf8("\xFC\x84\x80\x80\x80\x80"));
  EXPECT_FALSE(valid_utf8("\xFE"));
  EXPECT_FALSE(valid_utf8("\xFF"));
}

TEST(Utf8, PrintableTextAllowsNewlineAndTabOnly) {
  EXPECT_TRUE(printable_text("regel één\nregel twee\tmet tab"));
  EXPECT_TRUE(printable_text("ëé‘’–"));
  EXPECT_FALSE(printable_text(std::string("a\0b", 3)));
  EXPECT_FALSE(printable_text("a\rb"));
  EXPECT_FALSE(printable_text("bel\a"));
  EXPECT_FALSE(printable_text("\x1B[31mrood"));
  EXPECT_FALSE(printable_text("del\x7F"));
}

TEST(Utf8, CodePointsAndByteOffsets) {
  const std::string s = "ëé‘’–";
  ASSERT_EQ(s.size(), 13U);
  EXPECT_EQ(code_points(s), 5U);
  EXPECT_EQ(byte_offset(s, 0), 0U);
  EXPECT_EQ(byte_offset(s, 1), 2U);
  EXPECT_EQ(byte_offset(s, 2), 4U);
  EXPECT_EQ(byte_offset(s, 3), 7U);
  EXPECT_EQ(byte_offset(s, 4), 10U);
  EXPECT_EQ(byte_offset(s, 5), 13U);
  EXPECT_EQ(byte_offset(s, 6), 13U);  // clamped
  EXPECT_EQ(byte_offset(s, 1000), 13U);
  EXPECT_EQ(code_points(""), 0U);
  EXPECT_EQ(byte_offset("", 3), 0U);
  EXPECT_EQ(code_points("a😀b"), 3U);
  EXPECT_EQ(byte_offset("a😀b", 2), 5U);
}

TEST(Splice, AppliesByCodePoint) {
  std::string s = "ëé‘’–";
  apply_splice(s, {1, 2, "x"});
  EXPECT_EQ(s, "ëx’–");
  apply_splice(s, {4, 0, "!"});
  EXPECT_EQ(s, "ëx’–!");
  apply_splice(s, {0, 1, ""});
  EXPECT_EQ(s, "x’–!");
  apply_splice(s, {0, 0, "coö"});
  EXPECT_EQ(s, "coöx’–!");
  apply_splice(s, {0, 7, ""});
  EXPECT_EQ(s, "");
}

TEST(Splice, NeverSplitsACodePoint) {
  std::mt19937 rng(7);
  random_text gen{rng};
  for (int i = 0; i < 4000; ++i) {
    const std::string text = gen.pick(mixed, 16);
    const splice s = gen.edit_of(text, mixed, 4);
    std::string out = text;
    apply_splice(out, s);
    ASSERT_TRUE(valid_utf8(out)) << text;
    ASSERT_EQ(out, join(reference_apply(split(text), s))) << text;
    ASSERT_EQ(code_points(out), code_points(text) - s.del + code_points(s.ins));
  }
}

TEST(Diff, SimpleCases) {
  EXPECT_EQ(diff_splice("hallo", "hallo").del, 0U);
  EXPECT_EQ(diff_splice("hallo", "hallo").ins, "");
  EXPECT_EQ(diff_splice("abc", "abXc"), (splice{2, 0, "X"}));
  EXPECT_EQ(diff_splice("abXc", "abc"), (splice{2, 1, ""}));
  EXPECT_EQ(diff_splice("", "ë"), (splice{0, 0, "ë"}));
  EXPECT_EQ(diff_splice("ë", ""), (splice{0, 1, ""}));
  // é and ë share their first byte, © and é their last: the splice must take whole code points.
  EXPECT_EQ(diff_splice("é", "ë"), (splice{0, 1, "ë"}));
  EXPECT_EQ(diff_splice("aéb", "a©b"), (splice{1, 1, "©"}));
  EXPECT_EQ(diff_splice("coördinator", "coordinator"), (splice{2, 1, "o"}));
  EXPECT_EQ(diff_splice("‘x’", "’x’"), (splice{0, 1, "’"}));
}

// diff_splice must read only its inputs: with buffers sized exactly (no terminating NUL
// behind them, as when the client diffs a slice of its edit buffer) AddressSanitizer
// catches any read past the end.
TEST(Diff, ReadsOnlyInsideItsInputs) {
  const auto exact = [](const std::string& s) {
    auto buf = std::make_unique<char[]>(s.size());
    std::copy(s.begin(), s.end(), buf.get());
    return buf;
  };
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"ab", "abc"}, {"abc", "ab"}, {"ë", "ëé"}, {"ëé", "ë"}, {"x", "x"}, {"‘", "‘’"}};
  for (const auto& [b, a] : pairs) {
    const auto before_buf = exact(b);
    const auto after_buf = exact(a);
    const std::string_view before(before_buf.get(), b.size());
    const std::string_view after(after_buf.get(), a.size());
    const splice s = diff_splice(before, after);
    EXPECT_EQ(apply_one(b, s), a) << b << " -> " << a;
  }
}

TEST(Diff, RoundTripsOnRandomTexts) {
  std::mt19937 rng(11);
  random_text gen{rng};
  for (int i = 0; i < 6000; ++i) {
    const std::string before = gen.pick(mixed, 14);
    // Half the time an unrelated text, half the time an edit of the first.
    std::string after;
    splice made;
    const bool edited = i % 2 == 0;
    if (edited) {
      made = gen.edit_of(before, mixed, 5);
      after = apply_one(before, made);
    } else {
      after = gen.pick(mixed, 14);
    }
    const splice d = diff_splice(before, after);
    ASSERT_TRUE(fits(before, d)) << before << " -> " << after;
    ASSERT_TRUE(valid_utf8(d.ins)) << before << " -> " << after;
    ASSERT_EQ(apply_one(before, d), after) << before << " -> " << after;
    if (edited) {
      // The common prefix and suffix are kept: the diff is never larger than the edit made.
      ASSERT_LE(d.del, made.del) << before << " -> " << after;
      ASSERT_LE(code_points(d.ins), code_points(made.ins)) << before << " -> " << after;
    }
  }
}

// Two edits apart come back as two splices: one splice from the first to the second would
// delete and re-insert the text between them, and a concurrent deletion in there would be
// undone when that splice is transformed against it.
TEST(Diff, SplicesKeepEditsApartApart) {
  EXPECT_EQ(diff_splices("abcde", "aXbcdeY"), (std::vector<splice>{{1, 0, "X"}, {6, 0, "Y"}}));
  EXPECT_EQ(diff_splices("abcdef", "acdXf"), (std::vector<splice>{{1, 1, ""}, {3, 1, "X"}}));
  EXPECT_EQ(diff_splices("één", "én‘"), (std::vector<splice>{{1, 1, ""}, {2, 0, "‘"}}));
  EXPECT_EQ(diff_splices("abc", "abXc"), (std::vector<splice>{{2, 0, "X"}}));
  EXPECT_TRUE(diff_splices("hallo", "hallo").empty());
  // Past the limit: one splice, as diff_splice.
  EXPECT_EQ(diff_splices("abcde", "aXbcdeY", 1),
            (std::vector<splice>{diff_splice("abcde", "aXbcdeY")}));
}

TEST(Diff, SplicesRoundTripAndAreNeverLargerThanOneSplice) {
  std::mt19937 rng(12);
  random_text gen{rng};
  for (int i = 0; i < 6000; ++i) {
    const std::string before = gen.pick(mixed, 20);
    std::string after = before;
    for (int k = std::uniform_int_distribution<int>(0, 3)(rng); k > 0; --k)
      after = apply_one(after, gen.edit_of(after, mixed, 4));
    const auto splices = diff_splices(before, after);
    ASSERT_EQ(apply_all(before, splices), after) << before << " -> " << after;
    std::size_t changed = 0;
    for (const auto& s : splices) {
      ASSERT_TRUE(valid_utf8(s.ins)) << before << " -> " << after;
      ASSERT_FALSE(s.del == 0 && s.ins.empty()) << before << " -> " << after;
      changed += s.del + code_points(s.ins);
    }
    const splice one = diff_splice(before, after);
    ASSERT_LE(changed, one.del + code_points(one.ins)) << before << " -> " << after;
  }
}

TEST(Transform, DeletionStraddlingAnInsertSplitsInTwo) {
  const std::string s = "abcdef";
  const splice del{1, 4, ""};  // removes "bcde"
  const splice ins{3, 0, "X"};
  const auto del_after_ins = transform(del, ins, true);
  EXPECT_EQ(del_after_ins.size(), 2U);
  EXPECT_EQ(apply_all(apply_one(s, ins), del_after_ins), "aXf");
  EXPECT_EQ(apply_all(apply_one(s, del), transform(ins, del, false)), "aXf");
}

TEST(Transform, SamePositionInsertsOrderedByTheFlag) {
  const std::string s = "ab";
  const splice a{1, 0, "X"};
  const splice b{1, 0, "Y"};
  EXPECT_EQ(apply_all(apply_one(s, b), transform(a, b, true)), "aXYb");
  EXPECT_EQ(apply_all(apply_one(s, a), transform(b, a, false)), "aXYb");
  EXPECT_EQ(apply_all(apply_one(s, b), transform(a, b, false)), "aYXb");
  EXPECT_EQ(apply_all(apply_one(s, a), transform(b, a, true)), "aYXb");
}

TEST(Transform, InsertsOnBothSidesOfAnotherEdit) {
  const std::string s = "coördinator";
  const splice a{0, 0, "De "};
  const splice b{11, 0, "en"};
  EXPECT_EQ(apply_all(apply_one(s, b), transform(a, b, true)), "De coördinatoren");
  EXPECT_EQ(apply_all(apply_one(s, a), transform(b, a, false)), "De coördinatoren");
  // Both delete the same "ö": it is deleted once, not twice.
  const splice c{2, 1, "o"};
  const splice d{2, 1, ""};
  EXPECT_EQ(apply_all(apply_one(s, d), transform(c, d, true)), "coordinator");
  EXPECT_EQ(apply_all(apply_one(s, c), transform(d, c, false)), "coordinator");
}

// TP1: both replicas end with the same text whichever splice they received first.
TEST(Transform, ConvergesForRandomConcurrentSplices) {
  std::mt19937 rng(2026);
  random_text gen{rng};
  for (int i = 0; i < 10000; ++i) {
    const std::string text = gen.pick(mixed, 12);
    const splice a = gen.edit_of(text, mixed, 3);
    const splice b = gen.edit_of(text, mixed, 3);
    for (bool f : {true, false}) {
      const std::string via_a = apply_all(apply_one(text, a), transform(b, a, !f));
      const std::string via_b = apply_all(apply_one(text, b), transform(a, b, f));
      ASSERT_EQ(via_a, via_b) << "text \"" << text << "\" a{" << a.pos << "," << a.del << ",\""
                              << a.ins << "\"} b{" << b.pos << "," << b.del << ",\"" << b.ins
                              << "\"} a_first " << f;
      ASSERT_TRUE(valid_utf8(via_a));
    }
  }
}

// Nobody's typing is lost: what one side inserted survives the other's concurrent edit,
// in one piece, and of the original text exactly what neither side deleted survives.
TEST(Transform, PreservesInsertsAndUndeletedText) {
  std::mt19937 rng(4711);
  random_text gen{rng};
  // Disjoint alphabets, so the origin of every character in the result is known.
  const std::vector<std::string> base = {"a", "b", "ë", "–", " "};
  const std::vector<std::string> from_a = {"X", "‘", "😀"};
  const std::vector<std::string> from_b = {"Y", "’", "ï"};
  for (int i = 0; i < 10000; ++i) {
    const std::string text = gen.pick(base, 12);
    const splice a = gen.edit_of(text, from_a, 4);
    const splice b = gen.edit_of(text, from_b, 4);
    const bool f = i % 2 == 0;
    const std::string merged = apply_all(apply_one(text, b), transform(a, b, f));
    // Built only when an assertion fails: string building would dominate the run time.
    const auto context = [&] {
      return "text \"" + text + "\" a{" + std::to_string(a.pos) + "," + std::to_string(a.del) +
             ",\"" + a.ins + "\"} b{" + std::to_string(b.pos) + "," + std::to_string(b.del) +
             ",\"" + b.ins + "\"} merged \"" + merged + "\"";
    };

    ASSERT_NE(merged.find(a.ins), std::string::npos) << context();
    ASSERT_NE(merged.find(b.ins), std::string::npos) << context();

    // What remains of the original: every code point outside both deleted ranges, in order.
    const cps original = split(text);
    cps kept;
    for (std::size_t k = 0; k < original.size(); ++k) {
      const bool by_a = k >= a.pos && k < a.pos + a.del;
      const bool by_b = k >= b.pos && k < b.pos + b.del;
      if (!by_a && !by_b) kept.push_back(original[k]);
    }
    cps merged_base;
    cps merged_a;
    cps merged_b;
    for (const auto& ch : split(merged)) {
      if (std::find(base.begin(), base.end(), ch) != base.end()) merged_base.push_back(ch);
      if (std::find(from_a.begin(), from_a.end(), ch) != from_a.end()) merged_a.push_back(ch);
      if (std::find(from_b.begin(), from_b.end(), ch) != from_b.end()) merged_b.push_back(ch);
    }
    ASSERT_EQ(join(merged_base), join(kept)) << context();
    ASSERT_EQ(join(merged_a), a.ins) << context();
    ASSERT_EQ(join(merged_b), b.ins) << context();
  }
}

// The same property for sequences: each side made several splices in a row (a deletion
// that was split in two, or a burst of typing), transformed against the other's sequence.
TEST(Transform, SequencesConverge) {
  std::mt19937 rng(31337);
  random_text gen{rng};
  std::uniform_int_distribution<int> count(1, 3);
  for (int i = 0; i < 5000; ++i) {
    const std::string text = gen.pick(mixed, 10);
    std::vector<splice> a;
    std::vector<splice> b;
    std::string after_a = text;
    std::string after_b = text;
    for (int n = count(rng); n > 0; --n) {
      a.push_back(gen.edit_of(after_a, mixed, 3));
      apply_splice(after_a, a.back());
    }
    for (int n = count(rng); n > 0; --n) {
      b.push_back(gen.edit_of(after_b, mixed, 3));
      apply_splice(after_b, b.back());
    }
    const bool f = i % 2 == 0;
    const transformed x = transform(a, b, f);
    const std::string via_b = apply_all(after_b, x.a);
    const std::string via_a = apply_all(after_a, x.b);
    ASSERT_EQ(via_a, via_b) << "text \"" << text << "\" after_a \"" << after_a << "\" after_b \""
                            << after_b << "\" a_first " << f;
  }
}

TEST(Transform, SequenceWithAnEmptySideIsUnchanged) {
  const std::vector<splice> a = {{0, 0, "x"}, {1, 0, "y"}};
  const transformed x = transform(a, {}, true);
  EXPECT_EQ(x.a, a);
  EXPECT_TRUE(x.b.empty());
  const transformed y = transform({}, a, false);
  EXPECT_TRUE(y.a.empty());
  EXPECT_EQ(y.b, a);
}

}  // namespace
}  // namespace jos::shared
