// The rules every text field from a client obeys, in the live protocol and the
// REST API alike: trimmed, valid UTF-8, no control characters (newline, CR and
// tab only where the field allows several lines), no bidirectional override or
// isolate characters in one-line fields, a length in code points. Pure
// functions, callable from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tavolo::core {

// What a field allows. A one-line field (a name, a title, an id) refuses
// newlines, tabs and bidirectional controls; a multi-line one (a contribution,
// a description) allows newline, CR and tab, and leaves bidi marks alone
// because a paragraph of Arabic or Hebrew text may need them.
struct text_rule {
    std::size_t max_chars = 0;
    bool multiline = false;
    bool allow_empty = false;
};

// The question a facilitator asks a meeting ("Quali esigenze ha il vostro
// ente sulla sanità digitale?"): one line, empty for none. One rule for the
// live protocol (set_question) and the REST API (a new meeting's question),
// and the limit the join answer tells the page.
inline constexpr text_rule question_rule{.max_chars = 300, .allow_empty = true};

// Why a text was refused. The order is the order of the checks, so two
// protocols refusing the same text report the same problem.
enum class text_problem { none, invalid_utf8, control_characters, bidi_controls, empty, too_long };

struct text_verdict {
    std::string_view text; // trimmed; a view into the checked string
    text_problem problem = text_problem::none;
    std::size_t chars = 0; // code points of `text`
    explicit operator bool() const noexcept { return problem == text_problem::none; }
};

// Trims `raw` and checks it against `rule`: UTF-8, controls, bidi (one-line
// fields), empty, length, in that order.
text_verdict check_text(std::string_view raw, text_rule const& rule) noexcept;

// True when `s` holds U+202A..U+202E (embeddings and overrides) or
// U+2066..U+2069 (isolates): characters that make a name read backwards in
// every list showing it ("Anna" U+202E "gpj.exe" shows as "Annaexe.jpg").
// `s` must be valid UTF-8.
bool has_bidi_controls(std::string_view s) noexcept;

// `s` between double quotes with each double quote in it doubled: a CSV cell
// (RFC 4180) or an FTS5 string, which quote alike.
std::string double_quoted(std::string_view s);

} // namespace tavolo::core
