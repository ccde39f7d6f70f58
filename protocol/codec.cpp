#include "protocol/codec.hpp"

#include <set>
#include <vector>

#include "protocol/limits.hpp"
#include "protocol/op_codec.hpp"
#include "protocol/state_codec.hpp"
#include "shared/rules.hpp"

namespace jos::protocol {
namespace {

using namespace shared;

std::string dump(const json& j) {
  // Replace rather than throw on invalid UTF-8: every string we send was validated, but a
  // serialiser must never be the thing that brings a server down.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

json envelope(std::string_view type) {
  return {{"v", protocol_version}, {"type", std::string(type)}};
}

json encode_profile(const profile& p) {
  return {{"name", p.name},
          {"organisation", std::string(name_of(p.org))},
          {"function", p.function},
          {"level", std::string(name_of(p.level))}};
}

profile decode_profile(json_reader& r) {
  r.only({"name", "organisation", "function", "level"});
  profile p;
  p.name = r.string("name", 4 * max_name_length);
  p.org = r.enumeration("organisation", parse_organisation, organisation::school);
  p.function = r.string("function", 4 * max_name_length, false);
  p.level = r.enumeration("level", parse_staff_level, staff_level::uitvoerder, false);
  return p;
}

json encode_sequenced(const sequenced_op& s) {
  return {{"seq", s.seq},
          {"author", s.author},
          {"client_id", s.client_id},
          {"client_seq", s.client_seq},
          {"op", encode_op(s.op)}};
}

json encode_optional_target(const std::optional<op::text_target>& t) {
  return t ? encode_target(*t) : json(nullptr);
}

std::optional<op::text_target> decode_optional_target(json_reader& r, const char* key) {
  if (!r.has(key)) return std::nullopt;
  if (const json* t = r.object(key, false); t != nullptr) {
    // object() fails on non-objects; null means "nowhere"
    json_reader tr(*t, r.child_path(key), r.error());
    return decode_target(tr);
  }
  return std::nullopt;
}

struct client_encoder {
  json operator()(const create_trajectory& m) const {
    json j = envelope("create");
    j["partnership"] = encode_partnership(m.partners);
    j["me"] = encode_profile(m.me);
    if (!m.creation_code.empty()) j["creation_code"] = m.creation_code;
    return j;
  }
  json operator()(const join_trajectory& m) const {
    json j = envelope("join");
    j["join_code"] = m.join_code;
    j["me"] = encode_profile(m.me);
    return j;
  }
  json operator()(const hello& m) const {
    json j = envelope("hello");
    j["token"] = m.token;
    j["client_id"] = m.client_id;
    j["last_seq"] = m.last_seq;
    if (m.epoch != 0) j["epoch"] = m.epoch;
    return j;
  }
  json operator()(const focus& m) const {
    json j = envelope("focus");
    j["target"] = encode_optional_target(m.target);
    return j;
  }
  json operator()(const rotate_code& m) const {
    json j = envelope("rotate_code");
    j["code"] = m.which == access_code::team ? "team" : "coordinator";
    return j;
  }
  json operator()(const export_person& m) const {
    json j = envelope("export_person");
    j["person"] = m.person;
    return j;
  }
  json operator()(const submit& m) const {
    json j = envelope("op");
    j["client_seq"] = m.client_seq;
    j["base_seq"] = m.base_seq;
    j["op"] = encode_op(m.op);
    if (m.ballot) j["ballot"] = true;
    return j;
  }
};

struct server_encoder {
  json operator()(const created& m) const {
    json j = envelope("created");
    j["trajectory_id"] = m.trajectory_id;
    j["join_code"] = m.join_code;
    j["coordinator_secret"] = m.coordinator_secret;
    j["token"] = m.token;
    j["person"] = m.person;
    return j;
  }
  json operator()(const joined& m) const {
    json j = envelope("joined");
    j["trajectory_id"] = m.trajectory_id;
    j["token"] = m.token;
    j["person"] = m.person;
    return j;
  }
  json operator()(const welcome& m) const {
    json j = envelope("welcome");
    j["trajectory_id"] = m.trajectory_id;
    j["person"] = m.person;
    j["seq"] = m.seq;
    j["epoch"] = m.epoch;
    j["last_client_seq"] = m.last_client_seq;
    if (m.retention_months != 0) j["retention_months"] = m.retention_months;
    return j;
  }
  json operator()(const ack& m) const {
    json j = envelope("ack");
    j["client_seq"] = m.client_seq;
    j["seq"] = m.seq;
    return j;
  }
  json operator()(const reject& m) const {
    json j = envelope("reject");
    j["client_seq"] = m.client_seq;
    j["code"] = std::string(name_of(m.code));
    j["reason"] = m.reason;
    return j;
  }
  json operator()(const op_batch& m) const {
    json j = envelope("ops");
    json ops = json::array();
    for (const auto& s : m.ops) ops.push_back(encode_sequenced(s));
    j["ops"] = std::move(ops);
    return j;
  }
  json operator()(const snapshot& m) const {
    json j = envelope("snapshot");
    j["seq"] = m.seq;
    j["state"] = encode_state(m.state);
    return j;
  }
  json operator()(const presence& m) const {
    json j = envelope("presence");
    j["online"] = m.online;
    return j;
  }
  json operator()(const editing& m) const {
    json j = envelope("editing");
    j["person"] = m.person;
    j["target"] = encode_optional_target(m.target);
    return j;
  }
  json operator()(const error& m) const {
    json j = envelope("error");
    j["code"] = std::string(name_of(m.code));
    j["reason"] = m.reason;
    if (!m.location.empty()) j["location"] = m.location;
    return j;
  }
  json operator()(const person_export& m) const {
    json j = envelope("person_export");
    j["person"] = m.person;
    j["json"] = m.json;
    j["text"] = m.text;
    return j;
  }
  json operator()(const codes& m) const {
    json j = envelope("codes");
    j["join_code"] = m.join_code;
    j["coordinator_code"] = m.coordinator_code;
    return j;
  }
};

// A SAX handler that takes every event and stops at the first error: the second passes
// below override only the events they look at.
class sax_pass : public nlohmann::json_sax<json> {
 public:
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }
};

// Why `text` is not JSON, as " at byte N: <what>", for a client author reading the error.
// A second pass that only reports events, run on failure only: no exceptions, no DOM.
class syntax_error_finder final : public sax_pass {
 public:
  std::string found;

  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& e) override {
    // e.what() reads "[json.exception.parse_error.101] parse error at line 1, column 9:
    // syntax error while parsing value - invalid literal; last read: '...'". Keep the part
    // from "syntax error" and drop the echo of the input, which may hold invalid UTF-8.
    std::string_view what = e.what();
    const auto from = what.find("syntax error");
    what = from == std::string_view::npos ? std::string_view{} : what.substr(from);
    what = what.substr(0, what.find("; last read"));
    found = " at byte " + std::to_string(position) + (what.empty() ? "" : ": ") + std::string(what);
    return false;
  }
};

std::string syntax_error_of(std::string_view text) {
  syntax_error_finder finder;
  json::sax_parse(text, &finder);
  return finder.found;
}

// Which key appears twice, as "key \"x\" appears twice in one object", found by a second
// pass that runs only when the member count says there is one.
class duplicate_key_finder final : public sax_pass {
 public:
  std::string found;

  bool start_object(std::size_t) override {
    keys_.emplace_back();
    return true;
  }
  bool key(string_t& k) override {
    if (!keys_.back().insert(k).second) {
      found = "key \"" + k + "\" appears twice in one object";
      return false;
    }
    return true;
  }
  bool end_object() override {
    keys_.pop_back();
    return true;
  }

 private:
  std::vector<std::set<std::string>> keys_;
};

std::string duplicate_key_of(std::string_view text) {
  duplicate_key_finder finder;
  json::sax_parse(text, &finder);
  return finder.found.empty() ? "a key appears twice in one object" : finder.found;
}

// Parses `text` as one JSON object within the limits, checking the envelope.
std::variant<json, decode_error> parse_envelope(std::string_view text, std::size_t max_bytes) {
  if (text.size() > max_bytes)
    return decode_error{error_code::too_large, "message is " + std::to_string(text.size()) +
                                                   " bytes; the limit is " +
                                                   std::to_string(max_bytes)};
  const json_outline outline = outline_of(text);
  if (outline.depth > max_json_depth)
    return decode_error{error_code::too_deep,
                        "message nests deeper than " + std::to_string(max_json_depth)};
  // The parser skips a byte order mark; strict JSON (RFC 8259) has none on the wire.
  if (text.starts_with("\xEF\xBB\xBF"))
    return decode_error{error_code::malformed,
                        "not valid JSON: a byte order mark (U+FEFF) in front"};
  // The parser takes a NUL byte for the end of input and would ignore what follows it; a raw
  // NUL is never valid JSON, so refuse it outright.
  if (const auto nul = text.find('\0'); nul != std::string_view::npos)
    return decode_error{error_code::malformed,
                        "not valid JSON: NUL byte at byte " + std::to_string(nul + 1)};
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded())
    return decode_error{error_code::malformed, "not valid JSON" + syntax_error_of(text)};
  if (!j.is_object()) return decode_error{error_code::malformed, "expected a JSON object"};
  // The parser keeps one of two equal keys of an object and drops the other without a word:
  // two readers could then take one message for two different ones.
  if (member_count(j) != outline.keys)
    return decode_error{error_code::malformed, "not valid JSON: " + duplicate_key_of(text)};
  auto v = j.find("v");
  if (v == j.end()) return decode_error{error_code::malformed, "v: missing protocol version"};
  if (!v->is_number_integer()) return decode_error{error_code::malformed, "v: expected an integer"};
  const std::string version = v->is_number_unsigned() ? std::to_string(v->get<std::uint64_t>())
                                                      : std::to_string(v->get<std::int64_t>());
  if (version != std::to_string(protocol_version))
    return decode_error{error_code::version, "protocol version " + version +
                                                 " is not supported; this side speaks " +
                                                 std::to_string(protocol_version)};
  auto t = j.find("type");
  if (t == j.end()) return decode_error{error_code::malformed, "type: missing"};
  if (!t->is_string()) return decode_error{error_code::malformed, "type: expected a string"};
  return j;
}

template <typename T>
decoded<T> finish(T message, const std::string& error) {
  if (!error.empty()) return decode_error{error_code::invalid, error};
  return message;
}

sequenced_op decode_sequenced(const json& item, const std::string& path, std::string& error) {
  sequenced_op s;
  json_reader r(item, path, error);
  r.only({"seq", "author", "client_id", "client_seq", "op"});
  s.seq = r.unsigned_integer("seq");
  s.author = static_cast<person_id>(r.integer("author", 0, 0xFFFFFFFF));
  s.client_id = r.string("client_id", max_token_bytes);
  s.client_seq = r.unsigned_integer("client_seq");
  if (const json* o = r.object("op"))
    if (auto op = decode_op(*o, r.child_path("op"), error)) s.op = std::move(*op);
  return s;
}

}  // namespace

std::string encode(const client_message& m) { return dump(std::visit(client_encoder{}, m)); }
std::string encode(const server_message& m) { return dump(std::visit(server_encoder{}, m)); }

decoded<client_message> decode_client(std::string_view text) {
  auto parsed = parse_envelope(text, max_message_bytes);
  if (auto* e = std::get_if<decode_error>(&parsed)) return *e;
  const json& j = std::get<json>(parsed);
  const auto& type = j["type"].get_ref<const std::string&>();
  std::string error;
  json_reader r(j, "", error);

  if (type == "create") {
    r.only({"v", "type", "partnership", "me", "creation_code"});
    create_trajectory m;
    m.creation_code = r.string("creation_code", max_join_code_bytes, false);
    if (const json* p = r.object("partnership")) {
      json_reader pr(*p, "partnership", error);
      pr.only({"school", "youth_organisation", "cooperation"});
      m.partners = decode_partnership(pr);
    }
    if (const json* p = r.object("me")) {
      json_reader pr(*p, "me", error);
      m.me = decode_profile(pr);
    }
    return finish<client_message>(std::move(m), error);
  }
  if (type == "join") {
    r.only({"v", "type", "join_code", "me"});
    join_trajectory m;
    m.join_code = r.string("join_code", max_join_code_bytes);
    if (const json* p = r.object("me")) {
      json_reader pr(*p, "me", error);
      m.me = decode_profile(pr);
    }
    return finish<client_message>(std::move(m), error);
  }
  if (type == "hello") {
    r.only({"v", "type", "token", "client_id", "last_seq", "epoch"});
    hello m;
    m.token = r.string("token", max_token_bytes);
    m.client_id = r.string("client_id", max_token_bytes);
    m.last_seq = r.unsigned_integer("last_seq", false);
    m.epoch = r.unsigned_integer("epoch", false);
    return finish<client_message>(std::move(m), error);
  }
  if (type == "op") {
    r.only({"v", "type", "client_seq", "base_seq", "op", "ballot"});
    submit m;
    m.client_seq = r.unsigned_integer("client_seq");
    m.base_seq = r.unsigned_integer("base_seq", false);
    m.ballot = r.boolean("ballot", false);
    if (const json* o = r.object("op"))
      if (auto op = decode_op(*o, "op", error)) m.op = std::move(*op);
    if (r.ok() && m.client_seq == 0) r.fail("client_seq: must start at 1");
    if (!error.empty() && m.client_seq != 0)
      return decode_error{error_code::invalid, error, m.client_seq};
    return finish<client_message>(std::move(m), error);
  }
  if (type == "export_person") {
    r.only({"v", "type", "person"});
    export_person m;
    m.person = static_cast<person_id>(r.integer("person", 1, 0xFFFFFFFF));
    return finish<client_message>(m, error);
  }
  if (type == "rotate_code") {
    r.only({"v", "type", "code"});
    rotate_code m;
    m.which = r.enumeration(
        "code",
        [](const std::string& s) -> std::optional<access_code> {
          if (s == "team") return access_code::team;
          if (s == "coordinator") return access_code::coordinator;
          return std::nullopt;
        },
        access_code::team);
    return finish<client_message>(m, error);
  }
  if (type == "focus") {
    r.only({"v", "type", "target"});
    focus m;
    if (r.has("target") && !j["target"].is_null()) m.target = decode_optional_target(r, "target");
    return finish<client_message>(m, error);
  }
  return decode_error{error_code::invalid, "type: unknown message type \"" + type + "\""};
}

decoded<server_message> decode_server(std::string_view text) {
  auto parsed = parse_envelope(text, max_snapshot_bytes);
  if (auto* e = std::get_if<decode_error>(&parsed)) return *e;
  const json& j = std::get<json>(parsed);
  const auto& type = j["type"].get_ref<const std::string&>();
  std::string error;
  json_reader r(j, "", error);

  if (type == "created") {
    r.only({"v", "type", "trajectory_id", "join_code", "coordinator_secret", "token", "person"});
    created m;
    m.trajectory_id = r.string("trajectory_id", max_token_bytes);
    m.join_code = r.string("join_code", max_token_bytes);
    m.coordinator_secret = r.string("coordinator_secret", max_token_bytes);
    m.token = r.string("token", max_token_bytes);
    m.person = static_cast<person_id>(r.integer("person", 0, 0xFFFFFFFF));
    return finish<server_message>(std::move(m), error);
  }
  if (type == "joined") {
    r.only({"v", "type", "trajectory_id", "token", "person"});
    joined m;
    m.trajectory_id = r.string("trajectory_id", max_token_bytes);
    m.token = r.string("token", max_token_bytes);
    m.person = static_cast<person_id>(r.integer("person", 0, 0xFFFFFFFF));
    return finish<server_message>(std::move(m), error);
  }
  if (type == "welcome") {
    r.only({"v", "type", "trajectory_id", "person", "seq", "epoch", "last_client_seq",
            "retention_months"});
    welcome m;
    m.trajectory_id = r.string("trajectory_id", max_token_bytes);
    m.person = static_cast<person_id>(r.integer("person", 0, 0xFFFFFFFF));
    m.seq = r.unsigned_integer("seq");
    m.epoch = r.unsigned_integer("epoch", false);
    m.last_client_seq = r.unsigned_integer("last_client_seq", false);
    m.retention_months = static_cast<int>(r.integer("retention_months", 0, 1200, false));
    return finish<server_message>(std::move(m), error);
  }
  if (type == "ack") {
    r.only({"v", "type", "client_seq", "seq"});
    ack m;
    m.client_seq = r.unsigned_integer("client_seq");
    m.seq = r.unsigned_integer("seq");
    return finish<server_message>(m, error);
  }
  if (type == "reject") {
    r.only({"v", "type", "client_seq", "code", "reason"});
    reject m;
    m.client_seq = r.unsigned_integer("client_seq");
    m.code = r.enumeration("code", parse_error_code, error_code::invalid);
    m.reason = r.string("reason", 4096);
    return finish<server_message>(std::move(m), error);
  }
  if (type == "ops") {
    r.only({"v", "type", "ops"});
    op_batch m;
    if (const json* a = r.array("ops", max_ops_per_message)) {
      for (std::size_t i = 0; i < a->size(); ++i) {
        m.ops.push_back(decode_sequenced((*a)[i], r.item_path("ops", i), error));
        if (!error.empty()) break;
      }
    }
    return finish<server_message>(std::move(m), error);
  }
  if (type == "snapshot") {
    r.only({"v", "type", "seq", "state"});
    snapshot m;
    m.seq = r.unsigned_integer("seq");
    if (const json* s = r.object("state"))
      if (auto state = decode_state(*s, error)) m.state = std::move(*state);
    return finish<server_message>(std::move(m), error);
  }
  if (type == "presence") {
    r.only({"v", "type", "online"});
    presence m;
    if (const json* a = r.array("online", 100'000)) {
      for (const auto& v : *a) {
        if (!v.is_number_unsigned() || v.get<std::uint64_t>() > 0xFFFFFFFFU) {
          r.fail("online: expected person ids");
          break;
        }
        m.online.push_back(v.get<person_id>());
      }
    }
    return finish<server_message>(std::move(m), error);
  }
  if (type == "editing") {
    r.only({"v", "type", "person", "target"});
    editing m;
    m.person = static_cast<person_id>(r.integer("person", 0, 0xFFFFFFFF));
    if (r.has("target") && !j["target"].is_null()) m.target = decode_optional_target(r, "target");
    return finish<server_message>(m, error);
  }
  if (type == "person_export") {
    r.only({"v", "type", "person", "json", "text"});
    person_export m;
    m.person = static_cast<person_id>(r.integer("person", 1, 0xFFFFFFFF));
    m.json = r.string("json", max_snapshot_bytes);
    m.text = r.string("text", max_snapshot_bytes);
    return finish<server_message>(std::move(m), error);
  }
  if (type == "codes") {
    r.only({"v", "type", "join_code", "coordinator_code"});
    codes m;
    m.join_code = r.string("join_code", max_join_code_bytes);
    m.coordinator_code = r.string("coordinator_code", max_join_code_bytes);
    return finish<server_message>(std::move(m), error);
  }
  if (type == "error") {
    r.only({"v", "type", "code", "reason", "location"});
    protocol::error m;
    m.code = r.enumeration("code", parse_error_code, error_code::invalid);
    m.reason = r.string("reason", 4096);
    if (r.has("location")) m.location = r.string("location", 1024);
    return finish<server_message>(std::move(m), error);
  }
  return decode_error{error_code::invalid, "type: unknown message type \"" + type + "\""};
}

std::string version_mismatch_text(int server_version) {
  return "Deze versie van jos spreekt protocolversie " + std::to_string(protocol_version) +
         ", de server versie " + std::to_string(server_version) +
         ". Installeer dezelfde versie als de server.";
}

}  // namespace jos::protocol
