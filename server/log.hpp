#pragma once
// Minimal leveled logging to stderr, one line per event, safe from any thread.

#include <string_view>

namespace jos::server {

enum class log_level { error = 0, warn = 1, info = 2, debug = 3 };

void set_log_level(log_level level);
bool parse_log_level(std::string_view name, log_level& out);
void log_error(std::string_view message);
void log_warn(std::string_view message);
void log_info(std::string_view message);
void log_debug(std::string_view message);

}  // namespace jos::server
