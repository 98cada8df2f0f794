#include "publish.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

namespace lspgen {

namespace fs = std::filesystem;

std::optional<Staging> Staging::create(const fs::path& out, std::string& error) {
    const fs::path absolute = fs::absolute(out).lexically_normal();
    fs::path target = absolute;
    if (!target.has_filename()) target = target.parent_path();  // "public/" → "public"
    const fs::path parent = target.parent_path();
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec) {
        error = "cannot create " + parent.string() + ": " + ec.message();
        return std::nullopt;
    }
    if (fs::exists(target, ec) && !fs::is_directory(target, ec)) {
        error = out.string() + " exists and is not a directory";
        return std::nullopt;
    }
    const fs::path dir =
        parent / ("." + target.filename().string() + ".staging-" + std::to_string(::getpid()));
    fs::remove_all(dir, ec);  // a leftover of an earlier run with the same pid
    fs::create_directory(dir, ec);
    if (ec) {
        error = "cannot create the staging directory " + dir.string() + ": " + ec.message();
        return std::nullopt;
    }
    return Staging(target, dir);
}

Staging::Staging(Staging&& other) noexcept
    : out_(std::move(other.out_)), dir_(std::move(other.dir_)), committed_(other.committed_) {
    other.committed_ = true;  // the moved-from object owns nothing
}

Staging::~Staging() {
    if (committed_) return;
    std::error_code ec;
    fs::remove_all(dir_, ec);
}

bool Staging::make_parent(const fs::path& file, std::string& error) {
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    if (ec) {
        error = "cannot create " + file.parent_path().string() + ": " + ec.message();
        return false;
    }
    return true;
}

bool Staging::write(const std::string& relative, const std::string& content, std::string& error) {
    const fs::path file = dir_ / relative;
    if (!make_parent(file, error)) return false;
    std::ofstream stream(file, std::ios::binary | std::ios::trunc);
    stream.write(content.data(), static_cast<std::streamsize>(content.size()));
    stream.close();
    if (!stream) {
        error = "cannot write " + file.string() + ": " + std::strerror(errno);
        return false;
    }
    return true;
}

bool Staging::copy(const fs::path& source, const std::string& relative, std::string& error) {
    const fs::path file = dir_ / relative;
    if (!make_parent(file, error)) return false;
    std::error_code ec;
    fs::copy_file(source, file, fs::copy_options::overwrite_existing, ec);
    if (ec) {
        error = "cannot copy " + source.string() + " to " + file.string() + ": " + ec.message();
        return false;
    }
    return true;
}

bool Staging::commit(std::string& error) {
    std::error_code ec;
    if (!fs::exists(out_, ec)) {
        if (::rename(dir_.c_str(), out_.c_str()) != 0) {
            error = "cannot move the new site into " + out_.string() + ": " + std::strerror(errno);
            return false;
        }
        committed_ = true;
        return true;
    }
    // Exchange the two directories in one step: there is no moment at which
    // OUT is missing or half-written.
    if (::renameat2(AT_FDCWD, dir_.c_str(), AT_FDCWD, out_.c_str(), RENAME_EXCHANGE) != 0) {
        if (errno != EINVAL && errno != ENOSYS) {
            error = "cannot replace " + out_.string() + ": " + std::strerror(errno);
            return false;
        }
        // File systems without RENAME_EXCHANGE: move the old tree aside first.
        const fs::path old = dir_.string() + ".old";
        if (::rename(out_.c_str(), old.c_str()) != 0) {
            error = "cannot replace " + out_.string() + ": " + std::strerror(errno);
            return false;
        }
        if (::rename(dir_.c_str(), out_.c_str()) != 0) {
            error = "cannot replace " + out_.string() + ": " + std::strerror(errno);
            ::rename(old.c_str(), out_.c_str());  // put the published site back
            return false;
        }
        fs::remove_all(old, ec);
        committed_ = true;
        return true;
    }
    // dir_ now holds the previous output.
    fs::remove_all(dir_, ec);
    committed_ = true;
    return true;
}

}  // namespace lspgen
