#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <numeric>

#include "shared/documents/render.hpp"

namespace jos::documents {
namespace {

constexpr double margin = 40;
constexpr double footer_room = 18;  // below the text, above the bottom margin's edge
constexpr double cell_padding = 4;

struct rgb {
  double r, g, b;
};
constexpr rgb ink{0.1, 0.1, 0.1};
constexpr rgb muted{0.42, 0.42, 0.45};
constexpr rgb rule{0.6, 0.6, 0.6};
constexpr rgb header_fill{0.88, 0.92, 0.96};
constexpr rgb before_colour{0.62, 0.67, 0.76};
constexpr rgb after_colour{0.10, 0.35, 0.65};
constexpr rgb better{0.13, 0.55, 0.25};
constexpr rgb worse{0.80, 0.12, 0.10};
constexpr rgb band_colours[] = {{0.95, 0.92, 0.88}, {0.90, 0.93, 0.98}, {0.87, 0.95, 0.89}};

constexpr const char* body_font = "DejaVu Sans 10";
constexpr const char* cell_font = "DejaVu Sans 8";
constexpr const char* cell_bold = "DejaVu Sans Bold 8";

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct layout_deleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
struct font_deleter {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};
using layout_ptr = std::unique_ptr<PangoLayout, layout_deleter>;
using font_ptr = std::unique_ptr<PangoFontDescription, font_deleter>;

// Where each line of a laid-out text sits, in points from the top of the text.
struct line_box {
  double top = 0;
  double height = 0;
  double baseline = 0;
};

// A text laid out to a width, drawn whole or a run of lines at a time, so that a paragraph
// or a table cell can continue on the next page without losing a word.
struct laid_out {
  layout_ptr layout;
  std::vector<line_box> lines;
  double height(std::size_t from, std::size_t to) const {
    if (from >= to) return 0;
    return lines[to - 1].top + lines[to - 1].height - lines[from].top;
  }
  double height() const { return height(0, lines.size()); }
};

class pdf_writer {
 public:
  pdf_writer(std::string& out, bool landscape, std::string footer, int total_pages)
      : width_(landscape ? 842 : 595),
        height_(landscape ? 595 : 842),
        footer_(std::move(footer)),
        total_pages_(total_pages),
        surface_(cairo_pdf_surface_create_for_stream(append, &out, width_, height_)),
        cr_(cairo_create(surface_)) {}
  ~pdf_writer() {
    draw_footer();
    cairo_destroy(cr_);
    cairo_surface_finish(surface_);
    cairo_surface_destroy(surface_);
  }
  pdf_writer(const pdf_writer&) = delete;
  pdf_writer& operator=(const pdf_writer&) = delete;

  int pages() const { return page_; }
  double content_width() const { return width_ - 2 * margin; }

  // A paragraph, line by line across pages; `keep` is room wanted below it on the same page
  // (a heading keeps the start of what follows it).
  void text(const std::string& s, const char* font, double gap_after, rgb colour, double indent = 0,
            double keep = 0) {
    const laid_out t = lay_out(s, font, content_width() - indent);
    const double first_two = t.height(0, std::min<std::size_t>(2, t.lines.size()));
    // No heading alone at the foot of a page, no paragraph's first line alone there either.
    if (y_ + std::max(keep > 0 ? t.height() + keep : 0.0, first_two) > bottom() && !at_top())
      new_page();
    draw_lines(t, 0, t.lines.size(), margin + indent, colour, true);
    y_ += gap_after;
  }

  // Height a text would take, to keep things together.
  double measure(const std::string& s, const char* font, double indent = 0) {
    return lay_out(s, font, content_width() - indent).height();
  }

  void bullets(const std::vector<std::string>& items) {
    for (const auto& item : items) {
      const laid_out t = lay_out(item, body_font, content_width() - 14);
      if (y_ + t.height(0, std::min<std::size_t>(1, t.lines.size())) > bottom()) new_page();
      set(ink);
      cairo_new_sub_path(cr_);
      cairo_arc(cr_, margin + 4, y_ + 7, 1.6, 0, 6.2832);
      cairo_fill(cr_);
      draw_lines(t, 0, t.lines.size(), margin + 14, ink, true);
      y_ += 2;
    }
    y_ += 6;
  }

  // A table whose rows continue on the next page when they are taller than what is left,
  // with the header repeated; the last row never stands alone on a page, nor does
  // `trailer` (the height of the line that follows the table, such as its total).
  void grid(const table& t, double trailer) {
    if (t.headers.empty()) return;
    const auto widths = column_widths(t);
    const auto lay_row = [&](const std::vector<std::string>& cells, const char* font) {
      std::vector<laid_out> out;
      for (std::size_t c = 0; c < widths.size(); ++c)
        out.push_back(lay_out(c < cells.size() ? cells[c] : std::string{}, font,
                              widths[c] - 2 * cell_padding));
      return out;
    };
    const auto row_height = [](const std::vector<laid_out>& cells) {
      double h = 0;
      for (const auto& c : cells) h = std::max(h, c.height());
      return h + 2 * cell_padding;
    };
    const auto header = lay_row(t.headers, cell_bold);
    const double header_h = row_height(header);
    std::vector<std::vector<laid_out>> rows;
    std::vector<double> heights;
    for (const auto& r : t.rows) {
      rows.push_back(lay_row(r, cell_font));
      heights.push_back(row_height(rows.back()));
    }
    const std::size_t n = rows.size();
    const double room = bottom() - margin - header_h;  // a page's room for rows
    const double first = n > 0 ? std::min(heights[0], room) : 0;
    if (y_ + header_h + first > bottom() && !at_top()) new_page();
    draw_row(header, widths, header_h, true);
    for (std::size_t i = 0; i < n; ++i) {
      // What must share this page with row i: the last row and the trailer stay together,
      // and the row before the last goes along with them.
      double need = heights[i];
      if (i + 1 == n) need += trailer;
      if (i + 2 == n) need += heights[n - 1] + trailer;
      if (y_ + need > bottom() && need <= room && y_ > top_of_rows_ + 0.5) {
        new_page();
        draw_row(header, widths, header_h, true);
      }
      if (y_ + heights[i] <= bottom()) {
        draw_row(rows[i], widths, heights[i], false);
      } else {
        draw_split_row(rows[i], widths, header, header_h);
      }
    }
    y_ += 10;
  }

  void figure(const chart& c) {
    const double w = content_width();
    const double label_w = std::min(230.0, w * 0.3);
    const double verdict_w = 120;
    const double bars_x = margin + label_w + 10;
    const double bars_w = w - label_w - verdict_w - 20;
    const double bar_h = 7;
    if (y_ + 120 > bottom() && !at_top()) new_page();
    // Legend.
    double x = margin;
    for (const auto& [colour, label] :
         {std::pair{before_colour, c.before_label}, std::pair{after_colour, c.after_label}}) {
      set(colour);
      cairo_rectangle(cr_, x, y_ + 2, 8, 8);
      cairo_fill(cr_);
      const laid_out t = lay_out(label, cell_font, 300);
      place(t, x + 12, y_, ink);
      x += 12 + text_width(t) + 24;
    }
    y_ += 18;
    totals(c, w);
    // Ticks at 1, 2 and 3.
    const auto x_of = [&](double v) { return bars_x + (bars_w - 14) * v / 3.0; };
    for (int tick = 1; tick <= 3; ++tick) {
      const laid_out t = lay_out(std::to_string(tick), cell_font, 20);
      place(t, x_of(tick) - 2.5, y_, muted);
    }
    y_ += 14;
    bool stripe = false;
    for (const auto& r : c.rows) {
      const laid_out label = lay_out(r.label, cell_font, label_w - 4);
      const double row_h = std::max(label.height(), 2 * bar_h + 3) + 8;
      const double element_h = r.element.empty() ? 0 : 16;
      if (y_ + element_h + row_h > bottom()) new_page();
      if (!r.element.empty()) {
        const laid_out e = lay_out(r.element, cell_bold, label_w);
        place(e, margin, y_ + 3, ink);
        y_ += element_h;
      }
      if ((stripe = !stripe)) {
        cairo_set_source_rgb(cr_, 0.96, 0.97, 0.99);
        cairo_rectangle(cr_, margin, y_, w, row_h);
        cairo_fill(cr_);
      }
      place(label, margin + 4, y_ + (row_h - label.height()) / 2, ink);
      set(rgb{0.80, 0.81, 0.84});
      cairo_set_line_width(cr_, 0.5);
      for (int tick = 1; tick <= 3; ++tick) {
        cairo_move_to(cr_, x_of(tick), y_);
        cairo_line_to(cr_, x_of(tick), y_ + row_h);
      }
      cairo_stroke(cr_);
      const double top = y_ + (row_h - 2 * bar_h - 3) / 2;
      bar(r.before, bars_x, x_of(r.before), top, bar_h, before_colour);
      bar(r.after, bars_x, x_of(r.after), top + bar_h + 3, bar_h, after_colour);
      const std::string glyph = r.trend > 0 ? "▲ " : r.trend < 0 ? "▼ " : "= ";
      const laid_out v = lay_out(glyph + r.verdict, cell_font, verdict_w);
      place(v, margin + w - verdict_w + 4, y_ + (row_h - v.height()) / 2,
            r.trend > 0   ? better
            : r.trend < 0 ? worse
                          : muted);
      y_ += row_h;
    }
    y_ += 12;
  }

 private:
  double bottom() const { return height_ - margin - footer_room; }
  bool at_top() const { return y_ <= margin + 0.5; }

  void set(rgb c) { cairo_set_source_rgb(cr_, c.r, c.g, c.b); }

  laid_out lay_out(const std::string& s, const char* font, double width) {
    laid_out out;
    out.layout.reset(pango_cairo_create_layout(cr_));
    PangoLayout* l = out.layout.get();
    font_ptr f(pango_font_description_from_string(font));
    pango_layout_set_font_description(l, f.get());
    pango_layout_set_width(l, static_cast<int>(std::max(width, 10.0) * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    // Pango hyphenates a word it must break without knowing Dutch ("Tweerichtingsverke-er");
    // a word that does not fit its column breaks without a hyphen instead.
    PangoAttrList* attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
    pango_layout_set_text(l, s.c_str(), static_cast<int>(s.size()));
    PangoLayoutIter* it = pango_layout_get_iter(l);
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      out.lines.push_back({static_cast<double>(logical.y) / PANGO_SCALE,
                           static_cast<double>(logical.height) / PANGO_SCALE,
                           static_cast<double>(pango_layout_iter_get_baseline(it)) / PANGO_SCALE});
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    return out;
  }

  static double text_width(const laid_out& t) {
    PangoRectangle logical;
    pango_layout_get_extents(t.layout.get(), nullptr, &logical);
    return static_cast<double>(logical.width) / PANGO_SCALE;
  }

  // Lines [from, to) of a text with the first at (x, top).
  void show(const laid_out& t, std::size_t from, std::size_t to, double x, double top, rgb c) {
    set(c);
    for (std::size_t i = from; i < to; ++i) {
      const auto& b = t.lines[i];
      cairo_move_to(cr_, x, top + (b.top - t.lines[from].top) + (b.baseline - b.top));
      pango_cairo_show_layout_line(
          cr_, pango_layout_get_line_readonly(t.layout.get(), static_cast<int>(i)));
    }
  }

  void place(const laid_out& t, double x, double top, rgb c) {
    show(t, 0, t.lines.size(), x, top, c);
  }

  // A text at y_, continuing on new pages as needed.
  void draw_lines(const laid_out& t, std::size_t from, std::size_t to, double x, rgb c,
                  bool advance) {
    std::size_t i = from;
    while (i < to) {
      std::size_t j = i;
      while (j < to && y_ + t.height(i, j + 1) <= bottom()) ++j;
      if (j == i) {
        if (!at_top()) {
          new_page();
          continue;
        }
        j = i + 1;  // a single line taller than a page: draw it anyway
      }
      show(t, i, j, x, y_, c);
      if (advance) y_ += t.height(i, j);
      i = j;
      if (i < to) new_page();
    }
  }

  // The width of the longest word in a text (by its letters; measured once).
  double longest_word(const std::string& s, const char* font) {
    std::size_t best_at = 0;
    std::size_t best_len = 0;
    std::size_t start = 0;
    while (start < s.size()) {
      std::size_t end = s.find_first_of(" \n\t", start);
      if (end == std::string::npos) end = s.size();
      if (end - start > best_len) {
        best_len = end - start;
        best_at = start;
      }
      start = end + 1;
    }
    if (best_len == 0) return 0;
    return text_width(lay_out(s.substr(best_at, best_len), font, 10'000));
  }

  // Columns share the width by their weights, but each gets at least its longest word (up
  // to a word of some 22 letters), so that names like "Tweerichtingsverkeer" are never cut
  // in two; only a longer word breaks, without a hyphen.
  std::vector<double> column_widths(const table& t) {
    const std::size_t n = t.headers.size();
    std::vector<double> weights = t.weights;
    if (weights.size() != n) weights.assign(n, 1.0);
    const double total = content_width();
    const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
    std::vector<double> w;
    std::vector<double> least;
    for (std::size_t c = 0; c < n; ++c) {
      double word = longest_word(t.headers[c], cell_bold);
      for (const auto& row : t.rows)
        if (c < row.size()) word = std::max(word, longest_word(row[c], cell_font));
      least.push_back(std::min(word + 2 * cell_padding + 1, std::min(total / 3, 130.0)));
      w.push_back(total * weights[c] / sum);
    }
    double deficit = 0;
    double slack = 0;
    for (std::size_t c = 0; c < n; ++c) {
      deficit += std::max(0.0, least[c] - w[c]);
      slack += std::max(0.0, w[c] - least[c]);
    }
    if (deficit <= 0 || slack <= 0) return w;
    const double take = std::min(1.0, deficit / slack);
    for (std::size_t c = 0; c < n; ++c)
      w[c] = w[c] < least[c] ? least[c] : w[c] - (w[c] - least[c]) * take;
    const double now = std::accumulate(w.begin(), w.end(), 0.0);
    for (auto& x : w) x *= total / now;  // when the words do not all fit, share what there is
    return w;
  }

  void cell_frame(double x, double w, double h, bool header) {
    if (header) {
      set(header_fill);
      cairo_rectangle(cr_, x, y_, w, h);
      cairo_fill(cr_);
    }
    set(rule);
    cairo_set_line_width(cr_, 0.5);
    cairo_rectangle(cr_, x, y_, w, h);
    cairo_stroke(cr_);
  }

  void draw_row(const std::vector<laid_out>& cells, const std::vector<double>& widths, double h,
                bool header) {
    double x = margin;
    for (std::size_t c = 0; c < widths.size(); ++c) {
      cell_frame(x, widths[c], h, header);
      place(cells[c], x + cell_padding, y_ + cell_padding, ink);
      x += widths[c];
    }
    y_ += h;
    if (header) top_of_rows_ = y_;
  }

  // A row taller than the room left: each cell's lines continue in the same column on the
  // next page, under the repeated header.
  void draw_split_row(const std::vector<laid_out>& cells, const std::vector<double>& widths,
                      const std::vector<laid_out>& header, double header_h) {
    std::vector<std::size_t> next(cells.size(), 0);
    const auto done = [&] {
      for (std::size_t c = 0; c < cells.size(); ++c)
        if (next[c] < cells[c].lines.size()) return false;
      return true;
    };
    bool first = true;
    while (!done()) {
      if (!first) {
        new_page();
        draw_row(header, widths, header_h, true);
      }
      first = false;
      const double room = bottom() - y_ - 2 * cell_padding;
      std::vector<std::size_t> until(cells.size());
      double piece = 0;
      for (std::size_t c = 0; c < cells.size(); ++c) {
        std::size_t j = next[c];
        while (j < cells[c].lines.size() && cells[c].height(next[c], j + 1) <= room) ++j;
        if (j == next[c] && j < cells[c].lines.size() && y_ <= top_of_rows_ + 0.5)
          ++j;  // a line taller than a page
        until[c] = j;
        piece = std::max(piece, cells[c].height(next[c], j));
      }
      if (piece == 0) continue;  // nothing fits here: the next page
      double x = margin;
      for (std::size_t c = 0; c < cells.size(); ++c) {
        cell_frame(x, widths[c], piece + 2 * cell_padding, false);
        show(cells[c], next[c], until[c], x + cell_padding, y_ + cell_padding, ink);
        next[c] = until[c];
        x += widths[c];
      }
      y_ += piece + 2 * cell_padding;
    }
  }

  void bar(int value, double x0, double x1, double top, double h, rgb colour) {
    if (value == 0) {
      const laid_out dash = lay_out("–", cell_font, 20);
      place(dash, x0 + 2, top - 2, muted);
      return;
    }
    set(colour);
    cairo_rectangle(cr_, x0, top, x1 - x0, h);
    cairo_fill(cr_);
    const laid_out v = lay_out(std::to_string(value), cell_font, 20);
    place(v, x1 + 3, top - 2, colour);
  }

  // Both totals on the scale of the three phases (10–30), as on screen.
  void totals(const chart& c, double w) {
    const double lo = 9.5;
    const double hi = 30.5;
    const double bar_h = 20;
    const double top = y_ + 20;
    const auto x_of = [&](double v) {
      return margin + (std::clamp(v, lo, hi) - lo) / (hi - lo) * w;
    };
    for (std::size_t b = 0; b < c.bands.size() && b < 3; ++b) {
      const double x0 = x_of(c.bands[b].min - 0.5);
      const double x1 = x_of(c.bands[b].max + 0.5);
      set(band_colours[b]);
      cairo_rectangle(cr_, x0, top, x1 - x0, bar_h);
      cairo_fill(cr_);
      const laid_out t = lay_out(c.bands[b].name + " (" + std::to_string(c.bands[b].min) + "–" +
                                     std::to_string(c.bands[b].max) + ")",
                                 cell_font, x1 - x0);
      place(t, (x0 + x1 - text_width(t)) / 2, top + (bar_h - t.height()) / 2, muted);
    }
    const auto marker = [&](int total, bool complete, bool above, rgb colour,
                            const std::string& name) {
      if (total == 0) return;
      const double x = x_of(total);
      set(complete ? colour : rgb{(colour.r + 1) / 2, (colour.g + 1) / 2, (colour.b + 1) / 2});
      cairo_set_line_width(cr_, 2.5);
      cairo_move_to(cr_, x, top);
      cairo_line_to(cr_, x, top + bar_h);
      cairo_stroke(cr_);
      const double tip = above ? top : top + bar_h;
      const double base = above ? top - 8 : top + bar_h + 8;
      cairo_move_to(cr_, x - 5, base);
      cairo_line_to(cr_, x + 5, base);
      cairo_line_to(cr_, x, tip);
      cairo_close_path(cr_);
      cairo_fill(cr_);
      const laid_out t = lay_out(
          name + " " + std::to_string(total) + (complete ? "" : " (voorlopig)"), cell_font, 200);
      const double tx = std::clamp(x - text_width(t) / 2, margin, margin + w - text_width(t));
      place(t, tx, above ? top - 8 - t.height() : top + bar_h + 8, colour);
    };
    const auto first_word = [](const std::string& s) { return s.substr(0, s.find(' ')); };
    marker(c.before_total, c.before_complete, true, before_colour, first_word(c.before_label));
    marker(c.after_total, c.after_complete, false, after_colour, first_word(c.after_label));
    y_ = top + bar_h + 30;
  }

  void draw_footer() {
    if (footer_.empty() && total_pages_ == 0) return;
    const double y = height_ - margin;
    const std::string number = "pagina " + std::to_string(page_) +
                               (total_pages_ > 0 ? " van " + std::to_string(total_pages_) : "");
    const laid_out right = lay_out(number, "DejaVu Sans 7", content_width());
    const double right_w = text_width(right);
    place(right, margin + content_width() - right_w, y - right.height() + 8, muted);
    const laid_out left = lay_out(footer_, "DejaVu Sans 7", content_width() - right_w - 20);
    place(left, margin, y - left.height() + 8, muted);
  }

  void new_page() {
    draw_footer();
    cairo_show_page(cr_);
    ++page_;
    y_ = margin;
    top_of_rows_ = margin;
  }

  double width_;
  double height_;
  std::string footer_;
  int total_pages_;
  cairo_surface_t* surface_;
  cairo_t* cr_;
  double y_ = margin;
  double top_of_rows_ = margin;  // where this page's table rows begin, below a header
  int page_ = 1;
};

// The height of the line that follows a table, which must not be left alone after it.
double trailer_after(pdf_writer& w, const report& r, std::size_t index) {
  if (index + 1 >= r.blocks.size()) return 0;
  const block& next = r.blocks[index + 1];
  if (next.type != block::kind::paragraph && next.type != block::kind::note) return 0;
  return w.measure(next.text, body_font) + 8;
}

int render(std::string& out, const report& r, int total_pages) {
  pdf_writer w(out, r.landscape, r.footer, total_pages);
  w.text(r.title, "DejaVu Sans Bold 16", 4, ink);
  if (!r.subtitle.empty()) w.text(r.subtitle, "DejaVu Sans Oblique 10", 12, muted);
  for (std::size_t i = 0; i < r.blocks.size(); ++i) {
    const block& b = r.blocks[i];
    if (b.for_whom == block::audience::spreadsheet) continue;
    switch (b.type) {
      case block::kind::heading: w.text(b.text, "DejaVu Sans Bold 12", 6, ink, 0, 40); break;
      case block::kind::subheading: w.text(b.text, "DejaVu Sans Bold 10", 2, ink, 0, 30); break;
      case block::kind::paragraph: w.text(b.text, body_font, 8, ink); break;
      case block::kind::note: w.text(b.text, "DejaVu Sans Oblique 9", 6, muted); break;
      case block::kind::list: w.bullets(b.items); break;
      case block::kind::table: w.grid(b.grid, trailer_after(w, r, i)); break;
      case block::kind::chart: w.figure(b.figure); break;
    }
  }
  return w.pages();
}

}  // namespace

std::string to_pdf(const report& r) {
  // Once to count the pages ("pagina 2 van 5"), once to write them.
  std::string draft;
  const int pages = render(draft, r, 0);
  std::string out;
  render(out, r, pages);  // finishing the surface flushes the PDF into `out`
  return out;
}

}  // namespace jos::documents
