#pragma once
// Small files that must survive a crash: written to a temporary name, fsync'd, renamed
// over the old one, and the directory fsync'd, so a reader finds the old or the new
// contents, never half of one.

#include <filesystem>
#include <optional>
#include <string>

namespace jos::client {

bool write_file_durably(const std::filesystem::path& file, const std::string& contents,
                        std::string& error);
std::optional<std::string> read_file(const std::filesystem::path& file);

// $XDG_CONFIG_HOME/jos, or ~/.config/jos.
std::filesystem::path default_config_dir();

}  // namespace jos::client
