#include "tavolo/net/static_cache.hpp"

#include "tavolo/net/static_files.hpp"

#include <openssl/evp.h>
#include <zlib.h>

#include <fstream>
#include <iterator>
#include <optional>

namespace tavolo::net {
namespace {

// A strong ETag from the bytes themselves (the first 128 bits of their
// SHA-256): the same file gives the same tag after a restart, so browsers
// revalidate with 304s across restarts too.
std::string content_tag(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1)
        length = 0;
    static constexpr char hex[] = "0123456789abcdef";
    std::string tag = "\"";
    for (unsigned i = 0; i < length && i < 16; ++i) {
        tag += hex[digest[i] >> 4];
        tag += hex[digest[i] & 15];
    }
    return tag;
}

std::optional<std::string> read_file(std::filesystem::path const& file, std::uintmax_t size) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::string data(size, '\0');
    in.read(data.data(), static_cast<std::streamsize>(size));
    if (in.gcount() != static_cast<std::streamsize>(size))
        return std::nullopt; // shrank while we read: the caller streams it instead
    if (in.peek() != std::ifstream::traits_type::eof())
        return std::nullopt; // grew while we read
    return data;
}

prepared_file prepare(std::filesystem::path const& file, std::string data) {
    auto const tag = content_tag(data);
    auto gzip = compressible(file) ? gzip_compress(data) : std::string();
    if (gzip.size() >= data.size())
        gzip.clear(); // no saving: sent as it is
    auto gzip_etag = gzip.empty() ? std::string() : tag + "-gzip\"";
    return prepared_file{.identity = std::move(data),
                         .identity_etag = tag + "\"",
                         .gzip = std::move(gzip),
                         .gzip_etag = std::move(gzip_etag),
                         .content_type = mime_type(file)};
}

} // namespace

std::string gzip_compress(std::string_view data) {
    z_stream z{};
    // 15 bits of window, +16 for a gzip header and trailer instead of zlib's.
    if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    auto const rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return rc == Z_STREAM_END ? out : std::string();
}

std::shared_ptr<prepared_file const> static_cache::get(std::filesystem::path const& file) {
    std::error_code ec;
    auto const status = std::filesystem::status(file, ec);
    if (ec || !std::filesystem::is_regular_file(status))
        return nullptr;
    auto const size = std::filesystem::file_size(file, ec);
    if (ec || size > max_file_bytes_)
        return nullptr;
    auto const mtime = std::filesystem::last_write_time(file, ec);
    if (ec)
        return nullptr;

    std::lock_guard lock(mutex_);
    auto const key = file.string();
    if (auto it = entries_.find(key);
        it != entries_.end() && it->second.mtime == mtime && it->second.size == size)
        return it->second.file;
    auto data = read_file(file, size);
    if (!data)
        return nullptr;
    auto prepared = std::make_shared<prepared_file const>(prepare(file, std::move(*data)));
    entries_[key] = entry{.mtime = mtime, .size = size, .file = prepared};
    return prepared;
}

} // namespace tavolo::net
