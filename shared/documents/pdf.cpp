#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <memory>

#include "shared/documents/render.hpp"

namespace jos::documents {
namespace {

// A4 landscape in points: the instruments are wide tables.
constexpr double page_width = 842;
constexpr double page_height = 595;
constexpr double margin = 40;
constexpr double cell_padding = 4;

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

class pdf_writer {
 public:
  explicit pdf_writer(std::string& out)
      : surface_(cairo_pdf_surface_create_for_stream(append, &out, page_width, page_height)),
        cr_(cairo_create(surface_)) {}
  ~pdf_writer() {
    cairo_destroy(cr_);
    cairo_surface_finish(surface_);
    cairo_surface_destroy(surface_);
  }
  pdf_writer(const pdf_writer&) = delete;
  pdf_writer& operator=(const pdf_writer&) = delete;

  void text(const std::string& s, const char* font, double gap_after) {
    auto l = make_layout(s, font, page_width - 2 * margin);
    const double h = height(l.get());
    if (y_ + h > page_height - margin) new_page();
    draw(l.get(), margin, y_);
    y_ += h + gap_after;
  }

  void grid(const table& t) {
    const auto widths = column_widths(t.headers.size());
    auto row_height = [&](const std::vector<std::string>& cells, const char* font) {
      double h = 0;
      for (std::size_t c = 0; c < cells.size() && c < widths.size(); ++c)
        h = std::max(h, height(make_layout(cells[c], font, widths[c] - 2 * cell_padding).get()));
      return h + 2 * cell_padding;
    };
    const char* header_font = "DejaVu Sans Bold 8";
    const char* body_font = "DejaVu Sans 8";
    const double header_h = row_height(t.headers, header_font);
    if (y_ + header_h * 2 > page_height - margin) new_page();
    draw_row(t.headers, widths, header_font, header_h, true);
    for (const auto& row : t.rows) {
      const double h = row_height(row, body_font);
      if (y_ + h > page_height - margin) {
        new_page();
        draw_row(t.headers, widths, header_font, header_h, true);  // repeat the header
      }
      draw_row(row, widths, body_font, h, false);
    }
    y_ += 10;
  }

 private:
  layout_ptr make_layout(const std::string& s, const char* font, double width) {
    layout_ptr l(pango_cairo_create_layout(cr_));
    font_ptr f(pango_font_description_from_string(font));
    pango_layout_set_font_description(l.get(), f.get());
    pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(l.get(), s.c_str(), static_cast<int>(s.size()));
    return l;
  }

  static double height(PangoLayout* l) {
    int w = 0;
    int h = 0;
    pango_layout_get_size(l, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  void draw(PangoLayout* l, double x, double y) {
    cairo_set_source_rgb(cr_, 0.1, 0.1, 0.1);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, l);
  }

  std::vector<double> column_widths(std::size_t n) const {
    // Element and onderdeel are short; the free-text columns share the rest.
    const double total = page_width - 2 * margin;
    std::vector<double> w(n, 0);
    if (n <= 2) {
      for (auto& x : w) x = total / static_cast<double>(std::max<std::size_t>(n, 1));
      return w;
    }
    w[0] = 90;
    w[1] = 120;
    const double rest = (total - w[0] - w[1]) / static_cast<double>(n - 2);
    for (std::size_t i = 2; i < n; ++i) w[i] = rest;
    return w;
  }

  void draw_row(const std::vector<std::string>& cells, const std::vector<double>& widths,
                const char* font, double h, bool header) {
    double x = margin;
    for (std::size_t c = 0; c < widths.size(); ++c) {
      if (header) {
        cairo_set_source_rgb(cr_, 0.88, 0.92, 0.96);
        cairo_rectangle(cr_, x, y_, widths[c], h);
        cairo_fill(cr_);
      }
      cairo_set_source_rgb(cr_, 0.6, 0.6, 0.6);
      cairo_set_line_width(cr_, 0.5);
      cairo_rectangle(cr_, x, y_, widths[c], h);
      cairo_stroke(cr_);
      if (c < cells.size()) {
        auto l = make_layout(cells[c], font, widths[c] - 2 * cell_padding);
        draw(l.get(), x + cell_padding, y_ + cell_padding);
      }
      x += widths[c];
    }
    y_ += h;
  }

  void new_page() {
    cairo_show_page(cr_);
    y_ = margin;
  }

  cairo_surface_t* surface_;
  cairo_t* cr_;
  double y_ = margin;
};

}  // namespace

std::string to_pdf(const report& r) {
  std::string out;
  {
    pdf_writer w(out);
    w.text(r.title, "DejaVu Sans Bold 16", 4);
    if (!r.subtitle.empty()) w.text(r.subtitle, "DejaVu Sans Oblique 10", 12);
    for (const auto& b : r.blocks) {
      switch (b.type) {
        case block::kind::heading: w.text(b.text, "DejaVu Sans Bold 12", 6); break;
        case block::kind::paragraph: w.text(b.text, "DejaVu Sans 10", 8); break;
        case block::kind::table: w.grid(b.grid); break;
      }
    }
  }  // finishing the surface flushes the PDF into `out`
  return out;
}

}  // namespace jos::documents
