#include "tavolo/core/secrets.hpp"

#include <sodium.h>

#include <array>
#include <cctype>
#include <mutex>
#include <stdexcept>

namespace tavolo::core {
namespace {

void ensure_sodium() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0)
            throw std::runtime_error("libsodium failed to initialise");
    });
}

} // namespace

std::string generate_join_code() {
    ensure_sodium();
    std::string code(join_code_length, '?');
    for (auto& c : code)
        c = join_code_alphabet[randombytes_uniform(
            static_cast<std::uint32_t>(join_code_alphabet.size()))];
    return code;
}

std::string format_join_code(std::string_view canonical) {
    if (canonical.size() != join_code_length)
        return std::string(canonical);
    return std::string(canonical.substr(0, 4)) + "-" + std::string(canonical.substr(4));
}

std::string normalize_join_code(std::string_view typed) {
    std::string out;
    out.reserve(typed.size());
    for (char c : typed) {
        auto const u = static_cast<unsigned char>(c);
        if (c == '-' || c == ' ')
            continue;
        out.push_back(static_cast<char>(std::toupper(u)));
    }
    return out;
}

std::string generate_secret() {
    ensure_sodium();
    std::array<unsigned char, 32> raw{};
    randombytes_buf(raw.data(), raw.size());
    std::array<char, sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)> out{};
    sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return std::string(out.data());
}

std::string random_hex(std::size_t bytes) {
    ensure_sodium();
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    std::string hex(bytes * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<unsigned char const*>(raw.data()),
                   raw.size());
    hex.pop_back();
    return hex;
}

std::string hash_secret(std::string_view secret) {
    ensure_sodium();
    std::array<unsigned char, crypto_generichash_BYTES> h{};
    crypto_generichash(h.data(), h.size(), reinterpret_cast<unsigned char const*>(secret.data()),
                       secret.size(), nullptr, 0);
    std::array<char, crypto_generichash_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), h.data(), h.size());
    return std::string(hex.data());
}

bool verify_secret(std::string_view secret, std::string_view expected_hash_hex) {
    auto const actual = hash_secret(secret);
    if (actual.size() != expected_hash_hex.size())
        return false;
    return sodium_memcmp(actual.data(), expected_hash_hex.data(), actual.size()) == 0;
}

std::string generate_password() {
    // 20 characters of the join-code alphabet: about 99 bits, easy to copy.
    ensure_sodium();
    std::string out;
    out.reserve(20);
    while (out.size() < 20)
        out += join_code_alphabet[randombytes_uniform(
            static_cast<std::uint32_t>(join_code_alphabet.size()))];
    return out;
}

std::string hash_password(std::string_view password) {
    ensure_sodium();
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str(out.data(), password.data(), password.size(),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("password hashing ran out of memory");
    return std::string(out.data());
}

bool verify_password(std::string_view password, std::string const& stored_hash) {
    ensure_sodium();
    return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

std::string sha256_base64(std::string_view bytes) {
    ensure_sodium();
    std::array<unsigned char, crypto_hash_sha256_BYTES> h{};
    crypto_hash_sha256(h.data(), reinterpret_cast<unsigned char const*>(bytes.data()),
                       bytes.size());
    std::array<char,
               sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL)>
        out{};
    sodium_bin2base64(out.data(), out.size(), h.data(), h.size(), sodium_base64_VARIANT_ORIGINAL);
    return std::string(out.data());
}

} // namespace tavolo::core
