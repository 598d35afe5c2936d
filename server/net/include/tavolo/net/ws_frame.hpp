// A final WebSocket frame's header (RFC 6455, 5.2): what the server writes
// in front of each message it sends (unmasked), and what the load generator
// writes in front of each of its own (masked; the 4-byte key follows).
#pragma once

#include <cstdint>
#include <string>

namespace tavolo::net {

inline std::string frame_header(unsigned opcode, std::uint64_t size, bool masked) {
    auto const mask = static_cast<unsigned char>(masked ? 0x80 : 0);
    std::string h;
    h.push_back(static_cast<char>(0x80 | opcode));
    if (size < 126) {
        h.push_back(static_cast<char>(mask | size));
    } else if (size <= 0xffff) {
        h.push_back(static_cast<char>(mask | 126));
        h.push_back(static_cast<char>(size >> 8));
        h.push_back(static_cast<char>(size & 0xff));
    } else {
        h.push_back(static_cast<char>(mask | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            h.push_back(static_cast<char>((size >> shift) & 0xff));
    }
    return h;
}

} // namespace tavolo::net
