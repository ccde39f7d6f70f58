#pragma once
// Reads JSON objects field by field without exceptions, recording the first problem with
// the path of the field, so that a decoder can say exactly what is wrong with a message.

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace jos::protocol {

using json = nlohmann::json;

// What a scan of JSON text finds without parsing it (strings are skipped correctly): the
// depth of the deepest array or object, so that a hostile message cannot make the parser
// recurse deeply, and how many keys the objects in it have.
struct json_outline {
  int depth = 0;
  std::size_t keys = 0;  // the colons outside strings
};
json_outline outline_of(std::string_view text);
inline int json_nesting_depth(std::string_view text) { return outline_of(text).depth; }

// How many members the objects in `j` have, all levels together. Fewer than the text's keys
// means a key appeared twice in one object (the parser keeps only one of them).
std::size_t member_count(const nlohmann::json& j);

class json_reader {
 public:
  json_reader(const json& object, std::string path, std::string& error);

  bool ok() const { return error_.empty(); }
  void fail(std::string message);  // records `path: message` unless an error is already set
  // Records `path.key: message`: a field that is there but wrong in this context.
  void fail_field(const char* key, const std::string& message);

  bool has(const char* key) const;
  std::string string(const char* key, std::size_t max_bytes, bool required = true);
  std::int64_t integer(const char* key, std::int64_t min, std::int64_t max, bool required = true,
                       std::int64_t fallback = 0);
  std::uint64_t unsigned_integer(const char* key, bool required = true);
  bool boolean(const char* key, bool required = true, bool fallback = false);
  const json* object(const char* key, bool required = true);
  const json* array(const char* key, std::size_t max_items, bool required = true);

  // An enum given as a string; parse returns nullopt for unknown names.
  template <typename E, typename Parse>
  E enumeration(const char* key, Parse parse, E fallback, bool required = true) {
    const json* v = field(key, required);
    if (v == nullptr) return fallback;
    if (!v->is_string()) {
      fail_field(key, "expected a string");
      return fallback;
    }
    auto parsed = parse(v->get_ref<const std::string&>());
    if (!parsed) {
      fail_field(key, "unknown value \"" + v->get<std::string>() + "\"");
      return fallback;
    }
    return *parsed;
  }

  // Fails if the object has a field that is not in `allowed`.
  void only(std::initializer_list<std::string_view> allowed);

  std::string child_path(const char* key) const;
  // The path of one item of the array `key`, e.g. "op.edits[2]", so that an error in the
  // middle of a long array says which item it is.
  std::string item_path(const char* key, std::size_t index) const;
  std::string& error() { return error_; }

 private:
  const json* field(const char* key, bool required);

  const json& object_;
  std::string path_;
  std::string& error_;
};

}  // namespace jos::protocol
