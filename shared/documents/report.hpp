#pragma once
// A document to send around, independent of its file format: a title and a sequence of
// headings, paragraphs and tables. Builders fill it from a trajectory; renderers turn it
// into Markdown, CSV or PDF.

#include <string>
#include <vector>

namespace jos::documents {

struct table {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
};

struct block {
  enum class kind { heading, paragraph, table };
  kind type = kind::paragraph;
  std::string text;
  documents::table grid;
};

struct report {
  std::string file_stem;  // e.g. "signaleringsinstrument-begin"
  std::string title;
  std::string subtitle;
  std::vector<block> blocks;

  void heading(std::string text) { blocks.push_back({block::kind::heading, std::move(text), {}}); }
  void paragraph(std::string text) {
    blocks.push_back({block::kind::paragraph, std::move(text), {}});
  }
  void add_table(table t) { blocks.push_back({block::kind::table, {}, std::move(t)}); }
};

}  // namespace jos::documents
