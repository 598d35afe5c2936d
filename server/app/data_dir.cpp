#include "app/data_dir.hpp"

#include <sys/stat.h>

namespace tavolo::app {

namespace fs = std::filesystem;

void keep_files_private() {
    ::umask(077);
}

void prepare_data_dir(fs::path const& dir) {
    fs::create_directories(dir);
    auto constexpr dir_mode = fs::perms::owner_all;
    auto constexpr file_mode = fs::perms::owner_read | fs::perms::owner_write;
    fs::permissions(dir, dir_mode);
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
        std::error_code skip;
        auto const status = it->symlink_status(skip);
        if (fs::is_directory(status))
            fs::permissions(it->path(), dir_mode, skip);
        else if (fs::is_regular_file(status))
            fs::permissions(it->path(), file_mode, skip);
    }
}

} // namespace tavolo::app
