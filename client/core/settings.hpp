#pragma once
// What the client remembers between runs (settings.json in the config directory): the
// server address, who you are per server (the participant token), and your own details
// so the start screen is filled in next time.

#include <array>
#include <filesystem>
#include <map>
#include <string>

#include "protocol/messages.hpp"

namespace jos::client {

struct server_identity {
  std::string token;  // secret: proves who we are to this server
  shared::person_id person = shared::no_person;
  std::string trajectory_id;
  std::string join_code;         // shown again to a coordinator who created the leerlijn
  std::string coordinator_code;  // idem; lets a second coordinator join
  bool operator==(const server_identity&) const = default;
};

// The start screen as last filled in (besides the profile), so that neither a wrong server
// address nor a restart loses what was typed.
struct start_form {
  bool new_leerlijn = false;  // the tab: join with a team code, or start a new leerlijn
  std::string code;
  std::string school;
  std::string youth_organisation;
  shared::cooperation kind = shared::cooperation::existing;
  std::array<bool, 3> preconditions{};
  bool operator==(const start_form&) const = default;
};

struct settings {
  std::string server;     // as last typed on the start screen
  std::string client_id;  // this installation; names our ops so resends are recognised
  protocol::profile me;
  start_form form;
  int zoom_percent = 100;                          // the reader's own text size (Ctrl + / Ctrl −)
  std::map<std::string, server_identity> servers;  // key: server_url::text()
  bool operator==(const settings&) const = default;
};

// Missing or unreadable files give defaults (with `error` set for the latter); the client
// id is generated when there is none.
settings load_settings(const std::filesystem::path& dir, std::string& error);
bool save_settings(const std::filesystem::path& dir, const settings& s, std::string& error);

std::string random_hex(std::size_t bytes);

}  // namespace jos::client
