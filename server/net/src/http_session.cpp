#include "http_session.hpp"

#include "tavolo/net/client_address.hpp"
#include "tavolo/net/origin.hpp"
#include "tavolo/net/static_files.hpp"
#include "websocket_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

#include <atomic>
#include <nlohmann/json.hpp>

namespace tavolo::net {
namespace {

// Headers on every HTTP answer: no inline scripts, no framing, no sniffing
// (fonts may be data: URLs, as the design kit's CSS embeds one).
template <typename Fields> void add_security_headers(Fields& res, bool tls) {
    res.set(http::field::server, "tavolo");
    res.set("Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'");
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Referrer-Policy", "no-referrer");
    res.set("X-Frame-Options", "DENY");
    if (tls)
        res.set("Strict-Transport-Security", "max-age=31536000");
}

http::response<http::string_body> text_response(bool tls, unsigned version, bool keep_alive,
                                                http::status status, std::string body,
                                                std::string_view type) {
    http::response<http::string_body> res{status, version};
    add_security_headers(res, tls);
    res.set(http::field::content_type, type);
    res.set(http::field::cache_control, "no-store");
    res.keep_alive(keep_alive);
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

http::response<http::string_body> json_error(bool tls, unsigned version, bool keep_alive,
                                             http::status status, std::string_view code,
                                             std::string_view message) {
    auto body = nlohmann::json{{"error", {{"code", code}, {"message", message}}}}.dump();
    return text_response(tls, version, keep_alive, status, std::move(body), "application/json");
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

} // namespace

template <typename Stream>
http_session<Stream>::http_session(Stream&& stream, context const& ctx)
    : stream_(std::move(stream)), ctx_(ctx) {
    error_code ec;
    auto const endpoint = beast::get_lowest_layer(stream_).socket().remote_endpoint(ec);
    if (!ec)
        remote_ = endpoint.address().to_string();
}

template <typename Stream> void http_session<Stream>::run() {
    auto self = this->shared_from_this();
    asio::dispatch(stream_.get_executor(), [self] {
        if constexpr (is_tls<Stream>) {
            beast::get_lowest_layer(self->stream_).expires_after(self->ctx_.opts.http_timeout);
            self->stream_.async_handshake(
                ssl::stream_base::server,
                beast::bind_front_handler(&http_session::on_handshake, self));
        } else {
            self->do_read();
        }
    });
}

template <typename Stream> void http_session<Stream>::on_handshake(error_code ec) {
    if (ec) {
        ctx_.counters.tls_handshakes_failed.fetch_add(1, std::memory_order_relaxed);
        return; // not TLS, a bad client, or too slow: nothing to answer
    }
    do_read();
}

template <typename Stream> void http_session<Stream>::do_read() {
    parser_.emplace();
    parser_->body_limit(ctx_.opts.max_http_body_bytes);
    parser_->header_limit(static_cast<std::uint32_t>(ctx_.opts.max_http_header_bytes));
    beast::get_lowest_layer(stream_).expires_after(ctx_.opts.http_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&http_session::on_read, this->shared_from_this()));
}

// Whether a request refused by its header limit is refused for its line: the
// line could not be read, or takes over half of the limit.
template <typename Stream> bool http_session<Stream>::request_line_too_long() const {
    auto const half = ctx_.opts.max_http_header_bytes / 2;
    auto const target = parser_->get().target();
    if (!target.empty()) // the line was read; the fields went over
        return target.size() > half;
    // Beast looks for the end of the header before it parses the line: the
    // unparsed line is still at the front of the buffer.
    std::string_view const data(static_cast<char const*>(buffer_.cdata().data()),
                                buffer_.cdata().size());
    auto const end = data.find("\r\n");
    return end == std::string_view::npos || end > half;
}

// A request that cannot be read as HTTP gets a status and the connection
// closes: 414 for a request line over the limit, 431 for headers over it,
// 413 for a body over it, 400 for anything else malformed.
template <typename Stream> void http_session<Stream>::refuse_unreadable(error_code ec) {
    bool const tls = is_tls<Stream>;
    auto const refuse = [&](http::status status, std::string_view code, std::string_view message) {
        drain_after_write_ = true;
        auto res = json_error(tls, 11, false, status, code, message);
        send(std::move(res));
    };
    if (ec == http::error::body_limit)
        return refuse(http::status::payload_too_large, "body_too_large",
                      "the request body is over the limit");
    if (ec == http::error::header_limit && request_line_too_long())
        return refuse(http::status::uri_too_long, "uri_too_long",
                      "the request line is over the limit");
    if (ec == http::error::header_limit)
        return refuse(http::status::request_header_fields_too_large, "headers_too_large",
                      "the request headers are over the limit");
    return refuse(http::status::bad_request, "malformed_request", "the request is not valid HTTP");
}

template <typename Stream> void http_session<Stream>::on_read(error_code ec, std::size_t) {
    bool const tls = is_tls<Stream>;
    if (ec == http::error::end_of_stream || ec == http::error::partial_message)
        return do_close(); // the client went away
    if (ec && ec.category() == http::make_error_code(http::error::bad_method).category())
        return refuse_unreadable(ec);
    if (ec)
        return do_close(); // a timeout or a reset: nothing to answer
    auto const& head = parser_->get();
    if (static_cast<std::size_t>(std::distance(head.begin(), head.end())) >
        ctx_.opts.max_http_header_fields)
        return refuse_unreadable(http::error::header_limit);

    auto const client = client_of(head);
    if (websocket::is_upgrade(head)) {
        auto const& req = head;
        auto const target = std::string_view(req.target());
        if (target.substr(0, target.find('?')) != "/ws")
            return send(json_error(tls, req.version(), false, http::status::not_found, "not_found",
                                   "WebSocket connections go to /ws"));
        if (auto const origin = req.find(http::field::origin); origin != req.end()) {
            auto const host = req.find(http::field::host);
            if (!origin_allowed(origin->value(),
                                host == req.end() ? std::string_view() : host->value(),
                                ctx_.opts.allowed_origins)) {
                ctx_.counters.origins_refused.fetch_add(1, std::memory_order_relaxed);
                return send(json_error(tls, req.version(), false, http::status::forbidden,
                                       "origin_not_allowed",
                                       "pages from this origin may not connect"));
            }
        }
        beast::get_lowest_layer(stream_).expires_never();
        std::make_shared<websocket_session<Stream>>(std::move(stream_), ctx_, client.address)
            ->run(parser_->release());
        return;
    }

    auto req = parser_->release();
    auto const version = req.version();
    auto const keep_alive = req.keep_alive();
    std::string_view target(req.target().data(), req.target().size());
    auto const path = target.substr(0, target.find('?'));

    auto const method = std::string(req.method_string());
    if (auto match = ctx_.routes.route(method, path);
        match.result == api_router::match::kind::found) {
        if (auto refusal = refusal_of(req, match, client))
            return send(std::move(*refusal));
        api_request r;
        r.method = method;
        r.path = std::string(path);
        if (auto const q = target.find('?'); q != std::string_view::npos)
            r.query = std::string(target.substr(q + 1));
        for (auto const& field : req)
            r.headers[lower(field.name_string())] = std::string(field.value());
        r.params = std::move(match.params);
        r.route = std::move(match.pattern);
        r.body = std::move(req.body());
        r.remote = client.address;
        r.secure = client.https;
        return call_api(*match.handler, std::move(r), version, keep_alive,
                        req.method() == http::verb::head);
    } else if (match.result == api_router::match::kind::no_method) {
        auto res = json_error(tls, version, keep_alive, http::status::method_not_allowed,
                              "method_not_allowed", "this path answers " + match.allowed);
        res.set(http::field::allow, match.allowed);
        return send(std::move(res));
    } else if (ctx_.routes.serves(path)) {
        return send(json_error(tls, version, keep_alive, http::status::not_found, "not_found",
                               "no such API path"));
    }

    serve_file(req, path);
}

// The client behind the request: the peer, or whom a trusted proxy names.
template <typename Stream>
client_view http_session<Stream>::client_of(http::request<http::string_body> const& req) const {
    std::string forwarded_for;
    for (auto [at, end] = req.equal_range("X-Forwarded-For"); at != end; ++at)
        forwarded_for.append(forwarded_for.empty() ? "" : ",").append(at->value());
    std::string forwarded_proto;
    for (auto [at, end] = req.equal_range("X-Forwarded-Proto"); at != end; ++at)
        forwarded_proto.append(forwarded_proto.empty() ? "" : ",").append(at->value());
    return effective_client(remote_, is_tls<Stream>, forwarded_for, forwarded_proto,
                            ctx_.opts.trusted_proxies);
}

// 403 for an API change that does not come from tavolo's own pages or whose
// body is not JSON (origin.hpp); nullopt when it may proceed.
template <typename Stream>
std::optional<http::response<http::string_body>>
http_session<Stream>::refusal_of(http::request<http::string_body> const& req,
                                 api_router::match const& match, client_view const& client) {
    auto const header = [&](std::string_view name) -> std::optional<std::string_view> {
        auto const it = req.find(name);
        return it == req.end() ? std::nullopt : std::optional<std::string_view>(it->value());
    };
    auto const verdict = check_api_call({.method = req.method_string(),
                                         .origin = header("Origin"),
                                         .sec_fetch_site = header("Sec-Fetch-Site"),
                                         .content_type = header("Content-Type"),
                                         .has_body = !req.body().empty(),
                                         .any_body_type = match.body == body_kind::file,
                                         .scheme = client.https ? "https" : "http",
                                         .host = header("Host").value_or("")},
                                        ctx_.opts.allowed_origins);
    bool const tls = is_tls<Stream>;
    if (verdict == api_call_verdict::foreign_origin) {
        ctx_.counters.origins_refused.fetch_add(1, std::memory_order_relaxed);
        return json_error(tls, req.version(), req.keep_alive(), http::status::forbidden,
                          "origin_not_allowed",
                          "changes are accepted only from tavolo's own pages (Origin)");
    }
    if (verdict == api_call_verdict::not_json)
        return json_error(tls, req.version(), req.keep_alive(), http::status::forbidden,
                          "unsupported_media_type", "the body must be sent as application/json");
    return std::nullopt;
}

template <typename Stream>
void http_session<Stream>::call_api(api_handler const& handler, api_request r, unsigned version,
                                    bool keep_alive, bool head) {
    bool const tls = is_tls<Stream>;
    auto self = this->shared_from_this();
    auto answered = std::make_shared<std::atomic<bool>>(false);
    handler(std::move(r), [self, answered, version, keep_alive, head, tls](api_response a) {
        if (answered->exchange(true))
            return; // answered already
        asio::post(self->stream_.get_executor(), [self, version, keep_alive, head, tls,
                                                  a = std::move(a)]() mutable {
            auto res = text_response(tls, version, keep_alive, static_cast<http::status>(a.status),
                                     head ? std::string() : std::move(a.body), a.content_type);
            // A header the handler names replaces the default of
            // that name (an HTML export's own
            // Content-Security-Policy); one it gives twice
            // (Set-Cookie) is sent twice.
            for (auto const& [name, value] : a.headers)
                res.erase(name);
            for (auto const& [name, value] : a.headers)
                res.insert(name, value);
            self->send(std::move(res));
        });
    });
}

// A static file: from the cache, gzip-compressed when the client accepts it
// and that is smaller, 304 when the client's copy is current; a file too
// large for the cache is streamed from disk as it is.
template <typename Stream>
void http_session<Stream>::serve_file(http::request<http::string_body> const& req,
                                      std::string_view path) {
    bool const tls = is_tls<Stream>;
    auto const version = req.version();
    auto const keep_alive = req.keep_alive();
    if (req.method() != http::verb::get && req.method() != http::verb::head)
        return send(json_error(tls, version, keep_alive, http::status::method_not_allowed,
                               "method_not_allowed", "static files answer GET and HEAD only"));
    auto const file = resolve_static_path(ctx_.opts.web_root, path);
    if (!file)
        return send(json_error(tls, version, keep_alive, http::status::bad_request, "bad_path",
                               "the path is not allowed"));
    auto const caching = cache_control(path);
    auto const prepared = ctx_.files.get(*file);
    if (!prepared)
        return stream_file(req, *file, caching);

    auto const accept = req.find(http::field::accept_encoding);
    bool const gzip =
        !prepared->gzip.empty() && accept != req.end() && accepts_gzip(accept->value());
    auto const& etag = gzip ? prepared->gzip_etag : prepared->identity_etag;
    auto const& bytes = gzip ? prepared->gzip : prepared->identity;
    auto const set_headers = [&](auto& res) {
        add_security_headers(res, tls);
        res.set(http::field::etag, etag);
        res.set(http::field::cache_control, caching);
        if (!prepared->gzip.empty())
            res.set(http::field::vary, "Accept-Encoding");
        res.keep_alive(keep_alive);
    };
    auto const none_match = req.find(http::field::if_none_match);
    if (none_match != req.end() && etag_matches(none_match->value(), etag)) {
        http::response<http::empty_body> res{http::status::not_modified, version};
        set_headers(res);
        return send(std::move(res));
    }
    if (req.method() == http::verb::head) {
        http::response<http::empty_body> res{http::status::ok, version};
        set_headers(res);
        res.set(http::field::content_type, prepared->content_type);
        if (gzip)
            res.set(http::field::content_encoding, "gzip");
        res.content_length(bytes.size());
        return send(std::move(res));
    }
    // The body points into the cached file, which the session keeps alive
    // until the write completes.
    http::response<http::span_body<char const>> res{std::piecewise_construct,
                                                    std::make_tuple(bytes.data(), bytes.size()),
                                                    std::make_tuple(http::status::ok, version)};
    set_headers(res);
    res.set(http::field::content_type, prepared->content_type);
    if (gzip)
        res.set(http::field::content_encoding, "gzip");
    res.content_length(bytes.size());
    body_owner_ = prepared;
    send(std::move(res));
}

template <typename Stream>
void http_session<Stream>::stream_file(http::request<http::string_body> const& req,
                                       std::filesystem::path const& file,
                                       std::string_view caching) {
    bool const tls = is_tls<Stream>;
    auto const version = req.version();
    auto const keep_alive = req.keep_alive();
    http::file_body::value_type body;
    error_code fec;
    body.open(file.c_str(), beast::file_mode::scan, fec);
    if (fec)
        return send(json_error(tls, version, keep_alive, http::status::not_found, "not_found",
                               "no such file"));
    auto const size = body.size();
    if (req.method() == http::verb::head) {
        http::response<http::empty_body> res{http::status::ok, version};
        add_security_headers(res, tls);
        res.set(http::field::content_type, mime_type(file));
        res.set(http::field::cache_control, caching);
        res.content_length(size);
        res.keep_alive(keep_alive);
        return send(std::move(res));
    }
    http::response<http::file_body> res{std::piecewise_construct, std::make_tuple(std::move(body)),
                                        std::make_tuple(http::status::ok, version)};
    add_security_headers(res, tls);
    res.set(http::field::content_type, mime_type(file));
    res.set(http::field::cache_control, caching);
    res.content_length(size);
    res.keep_alive(keep_alive);
    send(std::move(res));
}

template <typename Stream>
template <typename Response>
void http_session<Stream>::send(Response&& res) {
    auto const status = static_cast<unsigned>(res.result_int()) / 100;
    if (status < ctx_.counters.http_responses.size())
        ctx_.counters.http_responses[status].fetch_add(1, std::memory_order_relaxed);
    auto sp = std::make_shared<std::decay_t<Response>>(std::forward<Response>(res));
    response_ = sp;
    auto const keep_alive = sp->keep_alive();
    beast::get_lowest_layer(stream_).expires_after(ctx_.opts.http_timeout);
    http::async_write(
        stream_, *sp,
        beast::bind_front_handler(&http_session::on_write, this->shared_from_this(), keep_alive));
}

template <typename Stream>
void http_session<Stream>::on_write(bool keep_alive, error_code ec, std::size_t) {
    response_.reset();
    body_owner_.reset();
    if (ec)
        return do_close();
    if (!keep_alive)
        return do_close();
    do_read();
}

template <typename Stream> void http_session<Stream>::do_close() {
    if constexpr (is_tls<Stream>) {
        beast::get_lowest_layer(stream_).expires_after(ctx_.opts.http_timeout);
        stream_.async_shutdown([self = this->shared_from_this()](error_code) {});
    } else {
        error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        if (drain_after_write_) {
            // A refused request may still be arriving: closing with unread
            // data would reset the connection before the client reads the
            // answer, so read and drop the rest for a while first.
            beast::get_lowest_layer(stream_).expires_after(ctx_.opts.ws_close_linger);
            do_drain();
        }
    }
}

template <typename Stream> void http_session<Stream>::do_drain() {
    buffer_.consume(buffer_.size());
    stream_.async_read_some(buffer_.prepare(16 * 1024),
                            [self = this->shared_from_this()](error_code ec, std::size_t) {
                                if (!ec)
                                    self->do_drain(); // until the client closes or the time is up
                            });
}

template class http_session<plain_stream>;
template class http_session<tls_stream>;

} // namespace tavolo::net
