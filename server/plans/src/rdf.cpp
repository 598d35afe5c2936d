#include "tavolo/plans/rdf.hpp"

#include <cstdio>
#include <map>
#include <sstream>

namespace tavolo::plans::rdf {

std::vector<prefix> const& prefixes() {
    static std::vector<prefix> const all{
        {"dcatapit", "http://dati.gov.it/onto/dcatapit#"},
        {"dcat", "http://www.w3.org/ns/dcat#"},
        {"dct", "http://purl.org/dc/terms/"},
        {"foaf", "http://xmlns.com/foaf/0.1/"},
        {"vcard", "http://www.w3.org/2006/vcard/ns#"},
        {"adms", "http://www.w3.org/ns/adms#"},
        {"xsd", "http://www.w3.org/2001/XMLSchema#"},
    };
    return all;
}

std::string safe_iri(std::string_view value) {
    std::string out;
    for (unsigned char c : value) {
        if (c <= 0x20 || c == 0x7f ||
            std::string_view("<>\"{}|^`\\").find(char(c)) != std::string_view::npos) {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        } else
            out += char(c);
    }
    return out;
}

term iri(std::string_view value) {
    return {.is = term::kind::iri, .value = safe_iri(value), .language = "", .datatype = ""};
}

term text(std::string value, std::string language) {
    return {.is = term::kind::literal,
            .value = std::move(value),
            .language = std::move(language),
            .datatype = ""};
}

term typed(std::string value, std::string datatype) {
    return {.is = term::kind::literal,
            .value = std::move(value),
            .language = "",
            .datatype = std::move(datatype)};
}

namespace {

// A Turtle string literal (STRING_LITERAL_QUOTE): quotes, backslashes and
// line ends escaped, other control characters as \uXXXX; UTF-8 as it is.
std::string turtle_string(std::string_view s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04X", c);
                out += buf;
            } else
                out += char(c);
        }
    }
    return out + "\"";
}

std::string turtle_term(term const& t) {
    if (t.is == term::kind::iri)
        return "<" + t.value + ">";
    auto out = turtle_string(t.value);
    if (!t.language.empty())
        return out + "@" + t.language;
    if (!t.datatype.empty())
        return out + "^^" + t.datatype;
    return out;
}

nlohmann::json json_ld_term(term const& t) {
    if (t.is == term::kind::iri)
        return {{"@id", t.value}};
    nlohmann::json v{{"@value", t.value}};
    if (!t.language.empty())
        v["@language"] = t.language;
    else if (!t.datatype.empty())
        v["@type"] = t.datatype;
    return v;
}

} // namespace

std::string to_turtle(graph const& g) {
    std::ostringstream out;
    for (auto const& p : prefixes())
        out << "@prefix " << p.name << ": <" << p.iri << "> .\n";
    for (auto const& n : g) {
        out << "\n<" << n.id << ">";
        char const* between = "\n    ";
        if (!n.types.empty()) {
            out << between << "a ";
            for (std::size_t i = 0; i < n.types.size(); ++i)
                out << (i ? ", " : "") << n.types[i];
            between = " ;\n    ";
        }
        for (auto const& [predicate, object] : n.properties) {
            out << between << predicate << " " << turtle_term(object);
            between = " ;\n    ";
        }
        out << " .\n";
    }
    return out.str();
}

nlohmann::json to_json_ld(graph const& g) {
    nlohmann::json context = nlohmann::json::object();
    for (auto const& p : prefixes())
        context[p.name] = p.iri;
    nlohmann::json nodes = nlohmann::json::array();
    for (auto const& n : g) {
        // nlohmann's objects sort their keys: "@id" and "@type" come first
        // anyway, and each predicate gathers its objects in order.
        nlohmann::json node{{"@id", n.id}};
        if (!n.types.empty())
            node["@type"] = n.types;
        for (auto const& [predicate, object] : n.properties)
            node[predicate].push_back(json_ld_term(object));
        nodes.push_back(std::move(node));
    }
    return {{"@context", context}, {"@graph", nodes}};
}

} // namespace tavolo::plans::rdf
