#include "exports.hpp"

#include "tavolo/core/secrets.hpp"

#include <cctype>
#include <cstdio>
#include <set>

namespace tavolo::api {

std::int64_t year_from(std::string const& text) {
    auto const y = whole_number(text, 2000, 2100);
    if (!y)
        throw refusal{400, "bad_request", "the year must be a number between 2000 and 2100"};
    return *y;
}

std::int64_t year_of(net::api_request const& req) {
    return year_from(req.params.at("year"));
}

docs::export_format format_of(net::api_request const& req) {
    auto const f = net::query_value(req.query, "format");
    auto const format = docs::export_format_from(f ? *f : "json");
    if (!format)
        throw refusal{400, "bad_request", "format must be json, csv, csv-excel-it, md or html"};
    return *format;
}

// The exports' words in Italian (default) or English: ?lang=en.
docs::export_language lang_of(net::api_request const& req) {
    auto const l = net::query_value(req.query, "lang");
    auto const lang = docs::export_language_from(l ? *l : "it");
    if (!lang)
        throw refusal{400, "bad_request", "lang must be it or en"};
    return *lang;
}

bool download(net::api_request const& req) {
    auto const d = net::query_value(req.query, "download");
    return d && *d != "0";
}

std::string file_name(std::string const& slug, std::int64_t year, std::int64_t version) {
    return "piano-" + slug + "-" + std::to_string(year) +
           (version ? "-v" + std::to_string(version) : std::string());
}

// An HTML export carries its style sheet inside (so the file prints the same
// from disk); this policy, replacing the site's, lets in that one sheet by
// its hash and nothing else: no script, no other inline style.
std::string const& html_export_policy() {
    static std::string const policy =
        "default-src 'none'; style-src 'sha256-" + core::sha256_base64(docs::html_style()) +
        "'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    return policy;
}

docs::page_footer page_footer_of(site_options const& site) {
    return {.body_name = site.body_name,
            .accessibility_statement_url = site.accessibility_statement_url,
            .feedback_email = site.feedback_email};
}

net::api_response as_export(docs::rendered r, std::string const& file_name, bool download) {
    net::api_response res;
    res.body = std::move(r.body);
    res.content_type = r.content_type;
    if (r.file_extension == "html")
        res.headers.emplace_back("Content-Security-Policy", html_export_policy());
    if (download || r.file_extension != "html")
        res.headers.emplace_back("Content-Disposition",
                                 std::string(download ? "attachment" : "inline") + "; filename=\"" +
                                     file_name + "." + r.file_extension + "\"");
    return res;
}

json document_of(store::plan_store& s, store::community_row const& c, store::plan_row const& p) {
    if (p.status == "published" && !p.snapshot.empty())
        return json::parse(p.snapshot);
    return docs::plan_document({c, p.year, p.version, p.status, p.published_at},
                               s.plans().objectives(c.id, p.year));
}

json current_document(store::plan_store& s, store::community_row const& c, std::int64_t year) {
    auto const versions = s.plans().plan_versions(c.id, year);
    if (versions.empty())
        return docs::plan_document({c, year, 0, "none", 0}, s.plans().objectives(c.id, year));
    return document_of(s, c, versions.front());
}

net::api_response export_plan(store::plan_store& s, store::community_row const& c,
                              store::plan_row const& p, docs::export_format format,
                              net::api_request const& req, docs::page_footer const& footer) {
    return as_export(docs::render_plan(document_of(s, c, p), format, lang_of(req), footer),
                     file_name(c.slug, p.year, p.version), download(req));
}

net::api_response system_plan(store::plan_store& s, net::api_request const& req,
                              bool published_only, docs::page_footer const& footer) {
    auto const year = year_of(req);
    auto const format = format_of(req);
    std::vector<json> documents;
    for (auto const& c : s.communities()) {
        auto const versions = s.plans().plan_versions(c.id, year);
        if (published_only) {
            for (auto const& p : versions)
                if (p.status == "published") {
                    documents.push_back(document_of(s, c, p));
                    break;
                }
            continue;
        }
        auto doc = current_document(s, c, year);
        if (!doc["objectives"].empty())
            documents.push_back(std::move(doc));
    }
    json system{{"year", year}, {"figures", docs::plan_figures(documents)}, {"plans", documents}};
    return as_export(docs::render_system_plan(system, format, lang_of(req), footer),
                     "piano-di-sistema-" + std::to_string(year), download(req));
}

namespace {

// Types a browser may be told; anything else is served as bytes to save.
std::string safe_type(std::string type) {
    type = type.substr(0, type.find(';'));
    for (auto& c : type)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    static std::set<std::string> const exact{
        "application/pdf", "image/png",       "image/jpeg",         "text/plain",
        "text/csv",        "application/zip", "application/msword", "application/vnd.ms-excel"};
    if (exact.count(type) || type.rfind("application/vnd.openxmlformats-officedocument.", 0) == 0 ||
        type.rfind("application/vnd.oasis.opendocument.", 0) == 0)
        return type;
    return "application/octet-stream";
}

// Content-Disposition for a download: an ASCII fallback name and the exact
// one percent-encoded (RFC 6266), so no byte of the name reaches the header raw.
std::string attachment(std::string const& name) {
    std::string plain, encoded;
    for (unsigned char c : name) {
        bool const ordinary = std::isalnum(c) || c == '.' || c == '-' || c == '_';
        plain += ordinary ? static_cast<char>(c) : '_';
        if (ordinary)
            encoded += static_cast<char>(c);
        else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            encoded += buf;
        }
    }
    return "attachment; filename=\"" + plain + "\"; filename*=UTF-8''" + encoded;
}

} // namespace

std::string upload_type(std::string const& content_type) {
    return safe_type(content_type);
}

net::api_response file_response(store::plans::file const& f) {
    net::api_response r;
    r.body = f.bytes;
    r.content_type = safe_type(f.type);
    r.headers.emplace_back("Content-Disposition", attachment(f.name));
    return r;
}

} // namespace tavolo::api
