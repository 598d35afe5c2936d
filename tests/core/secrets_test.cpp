#include "tavolo/core/secrets.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace tavolo::core;

TEST_CASE("join codes", "[core][secrets]") {
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        auto const code = generate_join_code();
        REQUIRE(code.size() == join_code_length);
        for (char c : code)
            REQUIRE(join_code_alphabet.find(c) != std::string_view::npos);
        seen.insert(code);
    }
    CHECK(seen.size() == 200);
    CHECK(format_join_code("ABCD2345") == "ABCD-2345");
    CHECK(normalize_join_code(format_join_code("ABCD2345")) == "ABCD2345");
    CHECK(normalize_join_code("abcd 2345") == "ABCD2345");
}

TEST_CASE("facilitator secrets are stored as hashes and verified", "[core][secrets]") {
    auto const secret = generate_secret();
    CHECK(secret.size() == 43);
    CHECK(secret != generate_secret());
    auto const hash = hash_secret(secret);
    CHECK(hash.size() == 64);
    CHECK(hash.find(secret) == std::string::npos);
    CHECK(verify_secret(secret, hash));
    CHECK_FALSE(verify_secret(secret + "x", hash));
    CHECK_FALSE(verify_secret("", hash));
    CHECK_FALSE(verify_secret(secret, ""));
    CHECK(random_hex(12).size() == 24);
}

TEST_CASE("coordinator passwords are stored as argon2id hashes", "[core][secrets]") {
    auto const password = generate_password();
    CHECK(password.size() == 20);
    CHECK(password.find_first_not_of(join_code_alphabet) == std::string::npos);
    CHECK(password != generate_password());
    auto const hash = hash_password(password);
    CHECK(hash.rfind("$argon2id$", 0) == 0);
    CHECK(hash.find(password) == std::string::npos);
    CHECK(hash != hash_password(password)); // salted
    CHECK(verify_password(password, hash));
    CHECK_FALSE(verify_password(password + "x", hash));
    CHECK_FALSE(verify_password("", hash));
    CHECK_FALSE(verify_password(password, "not a hash"));
}

TEST_CASE("a page's style sheet is named by its SHA-256 in base64, as CSP hash sources are",
          "[core][secrets]") {
    // The values `printf 'abc' | openssl dgst -sha256 -binary | base64` prints.
    CHECK(sha256_base64("abc") == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
    CHECK(sha256_base64("") == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
}
