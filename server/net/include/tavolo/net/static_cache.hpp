// The web root's files held in memory, each read once and, when its type is
// text and it saves bytes, gzip-compressed once, so that a request costs a
// stat and a copy-free write, never a compression. An entry is re-read when
// the file's size or modification time changes (an edited file is served
// fresh). Owned by net::server; get() may be called from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tavolo::net {

// One file's bytes as sent: the file itself, and its gzip form when there is
// one. Each has its own strong ETag (the gzip one ends in "-gzip"), as RFC
// 9110 wants for different representations of one resource.
struct prepared_file {
    std::string identity;
    std::string identity_etag;
    std::string gzip; // empty: not compressible, or compressing saved nothing
    std::string gzip_etag;
    std::string_view content_type;
};

// The gzip stream (RFC 1952, no file name, time 0) of `data`, compressed at
// zlib's best level; empty if zlib fails.
std::string gzip_compress(std::string_view data);

class static_cache {
public:
    // Files over `max_file_bytes` are not held: get() gives null for them and
    // the caller streams them from disk.
    explicit static_cache(std::size_t max_file_bytes) : max_file_bytes_(max_file_bytes) {}
    static_cache(static_cache const&) = delete;
    static_cache& operator=(static_cache const&) = delete;

    // The prepared file, or null when it is missing, not a regular file, too
    // large or unreadable. The first call for a file (or for a new version of
    // it) reads and compresses it under the cache's lock, so it happens once.
    std::shared_ptr<prepared_file const> get(std::filesystem::path const& file);

private:
    struct entry {
        std::filesystem::file_time_type mtime;
        std::uintmax_t size;
        std::shared_ptr<prepared_file const> file;
    };

    std::size_t const max_file_bytes_;
    std::mutex mutex_;
    std::unordered_map<std::string, entry> entries_; // by path
};

} // namespace tavolo::net
