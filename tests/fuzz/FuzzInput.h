#pragma once

#include <QByteArray>
#include <QString>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace Cairn::Fuzz {

inline QByteArray bytesOf(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

// Targets that take two texts (a template and what it parses, say) cut their input at the first
// line holding only "----"; the seed files are written that way.
inline std::pair<QByteArray, QByteArray> splitInTwo(const QByteArray &input)
{
    static const QByteArray separator("\n----\n");
    const qsizetype at = input.indexOf(separator);
    if (at < 0)
        return {input, QByteArray()};
    return {input.left(at), input.mid(at + separator.size())};
}

} // namespace Cairn::Fuzz
