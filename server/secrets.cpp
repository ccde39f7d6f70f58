#include "server/secrets.hpp"

#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <array>
#include <cctype>
#include <stdexcept>

namespace jos::server {
namespace {

constexpr std::string_view crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

template <std::size_t N>
std::array<unsigned char, N> random_bytes() {
  std::array<unsigned char, N> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    throw std::runtime_error("no randomness available");
  return bytes;
}

std::string hex(const unsigned char* data, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(digits[data[i] >> 4U]);
    out.push_back(digits[data[i] & 0x0FU]);
  }
  return out;
}

template <std::size_t N>
std::string crockford_code(std::size_t group) {
  const auto bytes = random_bytes<N>();
  std::string code;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i != 0 && i % group == 0) code.push_back('-');
    code.push_back(crockford[bytes[i] % 32U]);  // 256 is a multiple of 32: no bias
  }
  return code;
}

}  // namespace

std::string make_join_code() { return crockford_code<10>(5); }

std::string make_coordinator_code() { return crockford_code<12>(4); }

std::string normalise_join_code(std::string_view typed) {
  std::string out;
  for (char ch : typed) {
    const auto c = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (c == '-' || c == ' ') continue;
    if (c == 'O')
      out.push_back('0');
    else if (c == 'I' || c == 'L')
      out.push_back('1');
    else
      out.push_back(c);
  }
  if (out.size() == 10) out.insert(5, 1, '-');
  if (out.size() == 12) {
    out.insert(8, 1, '-');
    out.insert(4, 1, '-');
  }
  return out;
}

std::string make_token() {
  const auto bytes = random_bytes<32>();
  return hex(bytes.data(), bytes.size());
}

std::string make_trajectory_id() {
  const auto bytes = random_bytes<16>();
  return hex(bytes.data(), bytes.size());
}

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data());
  return hex(digest.data(), digest.size());
}

std::string code_hash(std::string_view code) {
  return sha256_hex("jos-code\n" + normalise_join_code(code));
}

std::string stored_code_hash(const std::string& code, const std::string& hash) {
  if (!hash.empty() || code.empty()) return hash;
  return code_hash(code);
}

std::string ballot_key(std::string_view token, std::string_view trajectory_id) {
  const std::string message = "jos-ballot\n" + std::string(trajectory_id);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (HMAC(EVP_sha256(), token.data(), static_cast<int>(token.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest.data(),
           &size) == nullptr)
    throw std::runtime_error("HMAC failed");
  return hex(digest.data(), size);
}

}  // namespace jos::server
