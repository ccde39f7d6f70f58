// "Documenten opslaan" on the desktop: the set is made here and written into a folder the
// coordinator chooses (see view_export.hpp).
#include <imgui.h>
#include <imgui_stdlib.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "client/core/client_core.hpp"
#include "client/view_export.hpp"
#include "shared/documents/render.hpp"

namespace jos::client {
namespace {

using namespace shared;
namespace fs = std::filesystem;

// Lower case, words joined by '-'; letters with diacritics stay as they are.
std::string slug(std::string_view s) {
  std::string out;
  for (const char ch : s) {
    const auto u = static_cast<unsigned char>(ch);
    if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u >= 0x80) {
      out += ch;
    } else if (u >= 'A' && u <= 'Z') {
      out += static_cast<char>(u - 'A' + 'a');
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? std::string("leerlijn") : out;
}

// Why a file or folder could not be written, in words a coordinator understands.
std::string reason(int error) {
  switch (error) {
    case EACCES:
    case EPERM: return "je hebt geen toestemming om daar te schrijven";
    case ENOSPC:
    case EDQUOT: return "de schijf is vol";
    case EROFS: return "die plek kan alleen gelezen worden";
    case ENOTDIR:
    case EEXIST: return "een deel van het pad is een bestand, geen map";
    case ENAMETOOLONG: return "de naam is te lang";
    case ENOENT: return "een deel van het pad bestaat niet";
    default: break;
  }
  return std::string("onbekende fout (") + std::strerror(error) + ")";
}

// Writes every file into the folder, made if missing; stops at the first that fails.
saved_set write_files(const fs::path& folder, const std::vector<documents::file>& files) {
  saved_set out;
  out.folder = folder;
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec || !fs::is_directory(folder)) {
    out.error = "Kan de map ‘" + folder.string() +
                "’ niet maken: " + reason(ec ? ec.value() : ENOTDIR) + ".";
    return out;
  }
  for (const auto& f : files) {
    const fs::path path = folder / f.name;
    errno = 0;
    std::FILE* file = std::fopen(path.c_str(), "wb");
    bool ok = file != nullptr;
    if (ok) ok = std::fwrite(f.bytes.data(), 1, f.bytes.size(), file) == f.bytes.size();
    const int write_error = errno;
    if (file != nullptr) ok = std::fclose(file) == 0 && ok;
    if (!ok) {
      const int error = errno != 0 ? errno : write_error;
      out.error = "Kan ‘" + f.name + "’ niet opslaan in ‘" + folder.string() +
                  "’: " + reason(error != 0 ? error : EIO) + ".";
      return out;
    }
    out.files.push_back({f.name, f.bytes.size()});
  }
  return out;
}

}  // namespace

fs::path expand_home(std::string_view typed) {
  const char* home = std::getenv("HOME");
  if (home != nullptr && (typed == "~" || typed.starts_with("~/")))
    return fs::path(home) / std::string(typed.substr(typed.size() > 1 ? 2 : 1));
  return fs::path(std::string(typed));
}

fs::path default_export_folder(const trajectory& t, int meeting, export_kind kind) {
  const char* home_env = std::getenv("HOME");
  const fs::path home = home_env != nullptr ? fs::path(home_env) : fs::current_path();
  std::error_code ec;
  fs::path documents = home / "Documenten";
  if (!fs::is_directory(documents, ec) && fs::is_directory(home / "Documents", ec))
    documents = home / "Documents";
  const fs::path school = documents / "jos" / slug(t.partners.school);
  if (kind == export_kind::forms) return school / "formulieren";
  std::string name = "leerlijn";
  if (meeting >= 0 && meeting < static_cast<int>(t.meetings.size()))
    name = std::to_string(meeting + 1) + "-" +
           slug(template_of(t.meetings[static_cast<std::size_t>(meeting)]).name);
  return kind == export_kind::invitation ? school / name / "uitnodiging" : school / name;
}

saved_set save_meeting_set(const trajectory& t, int meeting, const fs::path& folder) {
  return save_set(t, export_kind::after_meeting, meeting, folder);
}

saved_set save_set(const trajectory& t, export_kind kind, int meeting, const fs::path& folder) {
  saved_set out;
  out.folder = folder;
  if (folder.empty()) {
    out.error = "Kies een map om de documenten in op te slaan.";
    return out;
  }
  if (kind != export_kind::forms &&
      (meeting < 0 || meeting >= static_cast<int>(t.meetings.size()))) {
    out.error = "Deze bijeenkomst bestaat niet.";
    return out;
  }
  const std::int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  return write_files(folder, documents::render_set(t, kind, meeting, now));
}

saved_set save_person_export(const trajectory& t, const protocol::person_export& data) {
  const fs::path folder =
      default_export_folder(t, -1, export_kind::forms).parent_path() / "persoonsgegevens";
  const std::string stem = "persoonsgegevens-" + std::to_string(data.person);
  return write_files(folder, {{stem + ".json", "application/json", data.json},
                              {stem + ".txt", "text/plain; charset=utf-8", data.text}});
}

view_export::~view_export() { wait(); }

void view_export::suggest_destination(const trajectory& t) {
  folder_ = default_export_folder(t, meeting_, kind_).string();
  if (const char* home = std::getenv("HOME");
      home != nullptr && folder_.starts_with(std::string(home) + "/"))
    folder_ = "~" + folder_.substr(std::string(home).size());
}

void view_export::draw_destination(ui_context& ui) {
  ImGui::AlignTextToFramePadding();
  text("Map");
  ImGui::SameLine(ui.px(110));
  ImGui::SetNextItemWidth(-FLT_MIN);
  ImGui::InputText("##folder", &folder_);
  mark(ui, "export/folder");
  text_coloured(colours::muted,
                "De map wordt gemaakt als die nog niet bestaat; bestanden met "
                "dezelfde naam worden overschreven.");
}

void view_export::start(const client_core& core) {
  result_.reset();
  job_ = std::async(std::launch::async,
                    [t = core.state(), kind = kind_, meeting = meeting_,
                     folder = expand_home(folder_)] { return save_set(t, kind, meeting, folder); });
}

}  // namespace jos::client
