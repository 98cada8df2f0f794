#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

/// Helpers shared by the fuzz targets of tests/fuzz/.
namespace lspgen::fuzz {

/// A fuzzer's input, read piece by piece. Pieces are separated by a byte the
/// target chooses, so that the seed files stay readable text.
class Input {
  public:
    Input(const uint8_t* data, size_t size)
        : data_(reinterpret_cast<const char*>(data)), size_(size) {}

    bool empty() const { return at_ >= size_; }

    /// The next byte, or 0 once the input is used up.
    unsigned char byte() { return at_ < size_ ? static_cast<unsigned char>(data_[at_++]) : 0; }

    /// The text up to the next `separator` (which is skipped), or to the end.
    std::string until(char separator) {
        size_t end = at_;
        while (end < size_ && data_[end] != separator) ++end;
        std::string piece(data_ + at_, end - at_);
        at_ = end < size_ ? end + 1 : end;
        return piece;
    }

    /// Everything not read yet.
    std::string rest() {
        std::string piece(data_ + at_, size_ - at_);
        at_ = size_;
        return piece;
    }

  private:
    const char* data_;
    size_t size_;
    size_t at_ = 0;
};

/// Keeps `text` valid UTF-8 by turning each byte that does not start a
/// valid sequence into '?'. lspgen checks every file it reads for UTF-8, so
/// later stages only ever see valid text.
inline std::string valid_utf8(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        size_t extra = 0;
        unsigned min = 0;
        if (c < 0x80) {
            extra = 0;
        } else if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            min = 0x10000;
        } else {
            out += '?';
            ++i;
            continue;
        }
        unsigned code = extra == 0 ? c : c & (0x3Fu >> extra);
        bool ok = i + extra < text.size() || extra == 0;
        for (size_t k = 1; ok && k <= extra; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) ok = false;
            code = (code << 6) | (next & 0x3Fu);
        }
        if (ok && extra > 0 &&
            (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))) {
            ok = false;
        }
        if (!ok) {
            out += '?';
            ++i;
            continue;
        }
        out.append(text, i, extra + 1);
        i += extra + 1;
    }
    return out;
}

}  // namespace lspgen::fuzz
