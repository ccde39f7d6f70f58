#include "client/core/settings.hpp"

#include <random>

#include "client/core/files.hpp"
#include "client/core/storage_sync.hpp"
#include "protocol/json_reader.hpp"

namespace jos::client {
namespace {

using protocol::json;

constexpr const char* file_name = "settings.json";

std::string text_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

bool flag_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

start_form form_of(const json& j) {
  start_form f;
  f.new_leerlijn = flag_of(j, "new_leerlijn");
  f.code = text_of(j, "code");
  f.school = text_of(j, "school");
  f.youth_organisation = text_of(j, "youth_organisation");
  f.kind = shared::parse_cooperation(text_of(j, "kind")).value_or(shared::cooperation::existing);
  if (auto p = j.find("preconditions"); p != j.end() && p->is_array())
    for (std::size_t i = 0; i < f.preconditions.size() && i < p->size(); ++i)
      f.preconditions[i] = (*p)[i].is_boolean() && (*p)[i].get<bool>();
  return f;
}

}  // namespace

std::string random_hex(std::size_t bytes) {
  std::random_device device;
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < bytes; ++i) {
    const unsigned v = device() & 0xFFu;
    out.push_back(digits[v >> 4]);
    out.push_back(digits[v & 15]);
  }
  return out;
}

settings load_settings(const std::filesystem::path& dir, std::string& error) {
  settings s;
  if (auto text = read_file(dir / file_name)) {
    const json j = json::parse(*text, nullptr, false);
    if (!j.is_object()) {
      error = "De instellingen in " + (dir / file_name).string() +
              " zijn onleesbaar; standaardwaarden gebruikt.";
    } else {
      s.server = text_of(j, "server");
      s.client_id = text_of(j, "client_id");
      if (auto me = j.find("me"); me != j.end() && me->is_object()) {
        s.me.name = text_of(*me, "name");
        s.me.function = text_of(*me, "function");
        s.me.org =
            shared::parse_organisation(text_of(*me, "org")).value_or(shared::organisation::school);
        s.me.level = shared::parse_staff_level(text_of(*me, "level"))
                         .value_or(shared::staff_level::uitvoerder);
      }
      if (auto form = j.find("form"); form != j.end() && form->is_object()) s.form = form_of(*form);
      if (auto zoom = j.find("zoom_percent"); zoom != j.end() && zoom->is_number_integer())
        s.zoom_percent = zoom->get<int>();
      if (auto servers = j.find("servers"); servers != j.end() && servers->is_object()) {
        for (const auto& [url, v] : servers->items()) {
          if (!v.is_object()) continue;
          server_identity id;
          id.token = text_of(v, "token");
          id.trajectory_id = text_of(v, "trajectory_id");
          id.join_code = text_of(v, "join_code");
          id.coordinator_code = text_of(v, "coordinator_code");
          if (auto p = v.find("person"); p != v.end() && p->is_number_unsigned())
            id.person = p->get<shared::person_id>();
          if (!id.token.empty()) s.servers[url] = std::move(id);
        }
      }
    }
  }
  if (s.client_id.empty()) s.client_id = "c-" + random_hex(12);
  return s;
}

bool save_settings(const std::filesystem::path& dir, const settings& s, std::string& error) {
  json servers = json::object();
  for (const auto& [url, id] : s.servers)
    servers[url] = {{"token", id.token},
                    {"person", id.person},
                    {"trajectory_id", id.trajectory_id},
                    {"join_code", id.join_code},
                    {"coordinator_code", id.coordinator_code}};
  const json j = {{"server", s.server},
                  {"client_id", s.client_id},
                  {"me",
                   {{"name", s.me.name},
                    {"org", shared::name_of(s.me.org)},
                    {"function", s.me.function},
                    {"level", shared::name_of(s.me.level)}}},
                  {"form",
                   {{"new_leerlijn", s.form.new_leerlijn},
                    {"code", s.form.code},
                    {"school", s.form.school},
                    {"youth_organisation", s.form.youth_organisation},
                    {"kind", shared::name_of(s.form.kind)},
                    {"preconditions", s.form.preconditions}}},
                  {"zoom_percent", s.zoom_percent},
                  {"servers", std::move(servers)}};
  if (!write_file_durably(dir / file_name,
                          j.dump(2, ' ', false, json::error_handler_t::replace) + "\n", error))
    return false;
  request_storage_sync();  // the browser keeps it only once IndexedDB has it
  return true;
}

}  // namespace jos::client
