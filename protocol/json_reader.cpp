#include "protocol/json_reader.hpp"

#include <limits>

namespace jos::protocol {

json_outline outline_of(std::string_view text) {
  int depth = 0;
  int deepest = 0;
  std::size_t keys = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == ':') {
      ++keys;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == '}' || c == ']') && depth > 0) {
      // Never below zero: stray closers first must not hide the depth of what follows.
      --depth;
    }
  }
  return {deepest, keys};
}

std::size_t member_count(const nlohmann::json& j) {
  std::size_t n = 0;
  if (j.is_object()) {
    n += j.size();
    for (const auto& [key, value] : j.items()) n += member_count(value);
  } else if (j.is_array()) {
    for (const auto& value : j) n += member_count(value);
  }
  return n;
}

json_reader::json_reader(const json& object, std::string path, std::string& error)
    : object_(object), path_(std::move(path)), error_(error) {
  if (!object_.is_object()) fail("expected an object");
}

void json_reader::fail(std::string message) {
  if (!error_.empty()) return;
  error_ = path_.empty() ? std::move(message) : path_ + ": " + message;
}

std::string json_reader::child_path(const char* key) const {
  return path_.empty() ? std::string(key) : path_ + "." + key;
}

std::string json_reader::item_path(const char* key, std::size_t index) const {
  return child_path(key) + "[" + std::to_string(index) + "]";
}

void json_reader::fail_field(const char* key, const std::string& message) {
  if (!error_.empty()) return;
  error_ = child_path(key) + ": " + message;
}

bool json_reader::has(const char* key) const {
  return object_.is_object() && object_.contains(key);
}

const json* json_reader::field(const char* key, bool required) {
  if (!ok() || !object_.is_object()) return nullptr;
  auto it = object_.find(key);
  if (it == object_.end()) {
    if (required) fail_field(key, "missing");
    return nullptr;
  }
  return &*it;
}

std::string json_reader::string(const char* key, std::size_t max_bytes, bool required) {
  const json* v = field(key, required);
  if (v == nullptr) return {};
  if (!v->is_string()) {
    fail_field(key, "expected a string");
    return {};
  }
  const auto& s = v->get_ref<const std::string&>();
  if (s.size() > max_bytes) {
    fail_field(key, "longer than " + std::to_string(max_bytes) + " bytes");
    return {};
  }
  return s;
}

std::int64_t json_reader::integer(const char* key, std::int64_t min, std::int64_t max,
                                  bool required, std::int64_t fallback) {
  const json* v = field(key, required);
  if (v == nullptr) return fallback;
  std::int64_t value = 0;
  if (v->is_number_integer() && !v->is_number_unsigned()) {
    value = v->get<std::int64_t>();
  } else if (v->is_number_unsigned() &&
             v->get<std::uint64_t>() <=
                 static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    value = static_cast<std::int64_t>(v->get<std::uint64_t>());
  } else {
    fail_field(key, "expected an integer");
    return fallback;
  }
  if (value < min || value > max) {
    fail_field(key, "out of range [" + std::to_string(min) + ", " + std::to_string(max) + "]");
    return fallback;
  }
  return value;
}

std::uint64_t json_reader::unsigned_integer(const char* key, bool required) {
  const json* v = field(key, required);
  if (v == nullptr) return 0;
  if (v->is_number_unsigned()) return v->get<std::uint64_t>();
  if (v->is_number_integer() && v->get<std::int64_t>() >= 0)
    return static_cast<std::uint64_t>(v->get<std::int64_t>());
  fail_field(key, "expected a non-negative integer");
  return 0;
}

bool json_reader::boolean(const char* key, bool required, bool fallback) {
  const json* v = field(key, required);
  if (v == nullptr) return fallback;
  if (!v->is_boolean()) {
    fail_field(key, "expected true or false");
    return fallback;
  }
  return v->get<bool>();
}

const json* json_reader::object(const char* key, bool required) {
  const json* v = field(key, required);
  if (v == nullptr) return nullptr;
  if (!v->is_object()) {
    fail_field(key, "expected an object");
    return nullptr;
  }
  return v;
}

const json* json_reader::array(const char* key, std::size_t max_items, bool required) {
  const json* v = field(key, required);
  if (v == nullptr) return nullptr;
  if (!v->is_array()) {
    fail_field(key, "expected an array");
    return nullptr;
  }
  if (v->size() > max_items) {
    fail_field(key, "more than " + std::to_string(max_items) + " items");
    return nullptr;
  }
  return v;
}

void json_reader::only(std::initializer_list<std::string_view> allowed) {
  if (!ok() || !object_.is_object()) return;
  for (const auto& [key, value] : object_.items()) {
    bool known = false;
    for (auto a : allowed) known = known || a == key;
    if (!known) {
      fail_field(key.c_str(), "unknown field");
      return;
    }
  }
}

}  // namespace jos::protocol
