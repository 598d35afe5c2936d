// A small RDF graph as values, and its two serialisations: Turtle and
// JSON-LD. Built by the open-data catalogue (catalog.hpp) once and written in
// either form, so the two always say the same triples. Every subject is an
// IRI (no blank nodes), so the two graphs compare triple by triple.
// Pure functions over values; any thread.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tavolo::plans::rdf {

// The prefixes a graph's names use ("dct:title"), in the order written.
struct prefix {
    std::string name; // "dct"
    std::string iri;  // "http://purl.org/dc/terms/"
};
std::vector<prefix> const& prefixes();

// An object: an IRI, or a literal with a language tag or a datatype (a
// prefixed name, "xsd:date").
struct term {
    enum class kind { iri, literal } is = kind::literal;
    std::string value;
    std::string language; // literals only: "it", "en"
    std::string datatype; // literals only: "xsd:date"
};
// An IRI as written in both forms: the characters Turtle's IRIREF forbids
// (spaces, controls, <>"{}|^`\\) percent-encoded, so a hostile Host header
// or slug can neither break the Turtle nor make the two forms differ.
std::string safe_iri(std::string_view value);
term iri(std::string_view value);
term text(std::string value, std::string language = "");
term typed(std::string value, std::string datatype);

// One subject with its types (prefixed names) and its properties, in order;
// a predicate may repeat.
struct node {
    std::string id; // an absolute IRI
    std::vector<std::string> types;
    std::vector<std::pair<std::string, term>> properties; // (predicate as a prefixed name, object)

    node& add(std::string predicate, term object) {
        properties.emplace_back(std::move(predicate), std::move(object));
        return *this;
    }
};
using graph = std::vector<node>;

// Turtle (RDF 1.1): @prefix lines, then each subject with its predicates.
// Strings are escaped (\\ \" \n \r \t, other control characters \uXXXX;
// other characters as UTF-8); IRIs percent-encode what IRIREF forbids.
std::string to_turtle(graph const& g);
// JSON-LD 1.0: an @context of the prefixes and an @graph of the nodes.
nlohmann::json to_json_ld(graph const& g);

} // namespace tavolo::plans::rdf
