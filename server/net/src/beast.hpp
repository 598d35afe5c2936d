// Short names for the Beast and Asio types used inside the network module.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <type_traits>

namespace tavolo::net {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = boost::asio::ip::tcp;
using error_code = boost::beast::error_code;

// The two streams a session runs over: plain TCP, or TLS over it.
using plain_stream = beast::tcp_stream;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;
template <typename Stream> inline constexpr bool is_tls = std::is_same_v<Stream, tls_stream>;

// What a WebSocket runs over once the upgrade is done. For plain TCP, the
// bare socket with its strand as a concrete executor (tcp_stream's per-write
// timer bookkeeping and the type-erased executor's copies cost about a tenth
// of the server's time per delivery; the WebSocket stream keeps its own
// timeouts), wrapped in ws_socket, which writes messages itself. TLS keeps
// its stream (the TLS state lives in it) and Beast's writes.
using strand_executor = asio::strand<asio::io_context::executor_type>;
using ws_plain_socket = asio::basic_stream_socket<tcp, strand_executor>;
class ws_socket;
template <typename Stream> struct ws_layer { using type = Stream; };
template <> struct ws_layer<plain_stream> { using type = ws_socket; };
template <typename Stream> using ws_layer_t = typename ws_layer<Stream>::type;

} // namespace tavolo::net
