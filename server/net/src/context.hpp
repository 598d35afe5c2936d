// What every session of one server shares; owned by net::server, which
// outlives its sessions' use of it (the io_context stops first).
#pragma once

#include "beast.hpp"

#include "tavolo/live/gateway.hpp"
#include "tavolo/net/api.hpp"
#include "tavolo/net/options.hpp"
#include "tavolo/net/server.hpp"
#include "tavolo/net/static_cache.hpp"

namespace tavolo::net {

struct context {
    live::gateway& live; // where every WebSocket's frames go
    options const& opts;
    api_router const& routes;
    net_counters& counters;
    static_cache& files; // the web root's files, read and compressed once
    ssl::context* tls;   // null: plain HTTP
};

} // namespace tavolo::net
