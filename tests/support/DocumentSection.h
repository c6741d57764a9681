#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>
#include <optional>

namespace Cairn::Test {

// What the document at `path` holds between `<!-- NAME:begin -->` and `<!-- NAME:end -->`, the
// parts of documents that tests keep equal to what the code says; nullopt when either marker
// (or the file) is missing.
inline std::optional<QByteArray> documentSection(const QString &path, const QByteArray &name)
{
    QFile document(path);
    if (!document.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray text = document.readAll();
    const QByteArray begin = "<!-- " + name + ":begin -->\n";
    const qsizetype from = text.indexOf(begin);
    const qsizetype to = text.indexOf(QByteArray("<!-- " + name + ":end -->"));
    if (from < 0 || to < from)
        return std::nullopt;
    return text.mid(from + begin.size(), to - from - begin.size());
}

} // namespace Cairn::Test
