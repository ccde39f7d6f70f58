#pragma once
// A document to send around, independent of its file format: a title and a sequence of
// headings, paragraphs, lists, tables and a chart. Builders fill it from a trajectory;
// renderers turn it into Markdown, CSV, plain text or PDF.

#include <string>
#include <vector>

namespace jos::documents {

struct table {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
  // Relative widths of the columns in print (empty: the renderer decides).
  std::vector<double> weights;
};

// The comparison as bars per onderdeel on the 1–3 scale, and both totals on the scale of
// the three phases, as the comparison screen draws it.
struct chart {
  struct row {
    std::string element;  // set on the first onderdeel of a werkzaam element
    std::string label;
    int before = 0;  // 0: not rated
    int after = 0;
    std::string verdict;
    int trend = 0;  // +1 better, 0 same (or not rated), -1 worse
  };
  std::string before_label;  // "Gewenst (eerste Signaleringsinstrument)"
  std::string after_label;
  std::vector<row> rows;
  struct band {
    std::string name;
    int min = 0;
    int max = 0;
  };
  std::vector<band> bands;
  int before_total = 0;  // 0: nothing rated
  int after_total = 0;
  bool before_complete = false;
  bool after_complete = false;
};

struct block {
  enum class kind { heading, subheading, paragraph, note, list, table, chart };
  // Where a block belongs: some only help a spreadsheet (a table of what the paragraphs
  // already say), some only a reader.
  enum class audience { everyone, spreadsheet, reader };
  kind type = kind::paragraph;
  std::string text;
  std::vector<std::string> items;  // list
  documents::table grid;
  documents::chart figure;
  audience for_whom = audience::everyone;
};

struct report {
  std::string title;
  std::string subtitle;
  std::string footer;      // on every printed page, beside the page number (what and when)
  bool landscape = false;  // wide forms print landscape, minutes and letters portrait
  std::vector<block> blocks;

  void heading(std::string text) { add(block::kind::heading, std::move(text)); }
  void subheading(std::string text) { add(block::kind::subheading, std::move(text)); }
  void paragraph(std::string text) { add(block::kind::paragraph, std::move(text)); }
  // An explanation from the seed (how to fill in, how to score), set apart from answers.
  void note(std::string text) { add(block::kind::note, std::move(text)); }
  void list(std::vector<std::string> items) {
    block b;
    b.type = block::kind::list;
    b.items = std::move(items);
    blocks.push_back(std::move(b));
  }
  void add_table(table t, block::audience who = block::audience::everyone) {
    block b;
    b.type = block::kind::table;
    b.grid = std::move(t);
    b.for_whom = who;
    blocks.push_back(std::move(b));
  }
  void add_chart(chart c) {
    block b;
    b.type = block::kind::chart;
    b.figure = std::move(c);
    b.for_whom = block::audience::reader;
    blocks.push_back(std::move(b));
  }

 private:
  void add(block::kind k, std::string text) {
    block b;
    b.type = k;
    b.text = std::move(text);
    blocks.push_back(std::move(b));
  }
};

}  // namespace jos::documents
