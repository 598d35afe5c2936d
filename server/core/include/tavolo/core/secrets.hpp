// Join codes, facilitator secrets and coordinator passwords: generation from the system CSPRNG
// (libsodium), hashing for storage, and constant-time verification.
// Callable from any thread.
#pragma once

#include <string>
#include <string_view>

namespace tavolo::core {

// Alphabet of join codes: no 0/O, 1/I/L, so a code read aloud or from a
// screen is typed right.
inline constexpr std::string_view join_code_alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
inline constexpr std::size_t join_code_length = 8; // 31^8: about 39.6 bits

// A fresh join code in canonical form (8 characters of the alphabet above).
std::string generate_join_code();

// "ABCD2345" -> "ABCD-2345", for display.
std::string format_join_code(std::string_view canonical);
// A join code as typed by a person ("abcd-2345", "ABCD 2345") in canonical form.
std::string normalize_join_code(std::string_view typed);

// A fresh facilitator secret: 32 random bytes, base64url without padding.
std::string generate_secret();

// `bytes` random bytes as lower-case hex: identifiers nobody should guess.
std::string random_hex(std::size_t bytes);

// Hex of the secret's BLAKE2b-256 hash: what the store keeps.
std::string hash_secret(std::string_view secret);

// True when `secret` hashes to `expected_hash_hex`, compared in constant time.
bool verify_secret(std::string_view secret, std::string_view expected_hash_hex);

// A fresh coordinator password: 20 characters of the join-code alphabet.
std::string generate_password();

// An argon2id hash of the password in libsodium's string form (with its salt
// and costs), for storage.
std::string hash_password(std::string_view password);

// True when `password` matches `stored_hash` (libsodium compares in constant
// time); false for a malformed hash.
bool verify_password(std::string_view password, std::string const& stored_hash);

// SHA-256 of `bytes` in standard base64 (with padding): the digest a
// Content-Security-Policy hash source names ('sha256-…'), for a page that
// carries its own style sheet.
std::string sha256_base64(std::string_view bytes);

} // namespace tavolo::core
