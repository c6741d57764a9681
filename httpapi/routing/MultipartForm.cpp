#include "MultipartForm.h"

#include <QRegularExpression>

namespace Cairn {

namespace {

constexpr int MaxParts = 32;
constexpr qsizetype MaxPartHeaderBytes = 8 * 1024;

Error notAForm(const QString &why)
{
    return Error::badRequest(QStringLiteral("The body is not a multipart form: %1.").arg(why));
}

// A parameter of a header value (`name="file"`, `boundary=abc`), quoted or not.
QString parameter(const QString &header, const QString &name)
{
    const QRegularExpression pattern(
        QStringLiteral("(?:^|;)\\s*%1\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]*))")
            .arg(QRegularExpression::escape(name)),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(header);
    if (!match.hasMatch())
        return {};
    if (match.capturedLength(1) > 0 || match.captured(2).isEmpty())
        return match.captured(1).replace(QRegularExpression(QStringLiteral("\\\\(.)")),
                                         QStringLiteral("\\1"));
    return match.captured(2);
}

} // namespace

Result<QHash<QString, MultipartForm::Part>> MultipartForm::parse(const QByteArray &contentType,
                                                                 const QByteArray &body)
{
    const QString type = QString::fromLatin1(contentType);
    if (!type.startsWith(QLatin1String("multipart/form-data"), Qt::CaseInsensitive))
        return notAForm(QStringLiteral("send it as multipart/form-data"));
    const QByteArray boundary = parameter(type, QStringLiteral("boundary")).toLatin1();
    if (boundary.isEmpty() || boundary.size() > 200)
        return notAForm(QStringLiteral("it names no boundary"));
    const QByteArray delimiter = "--" + boundary;
    // Every delimiter but one at the very start comes after a line break.
    const QByteArray nextDelimiter = "\r\n" + delimiter;
    qsizetype at = body.startsWith(delimiter) ? 0 : body.indexOf(nextDelimiter);
    if (at < 0)
        return notAForm(QStringLiteral("no part begins"));
    at += body.startsWith(delimiter) ? delimiter.size() : delimiter.size() + 2;
    QHash<QString, Part> parts;
    while (true) {
        // After a delimiter: "--" ends the form, CRLF begins a part.
        if (body.mid(at, 2) == "--")
            return parts;
        if (body.mid(at, 2) != "\r\n")
            return notAForm(QStringLiteral("a delimiter is malformed"));
        at += 2;
        const qsizetype headersEnd = body.indexOf("\r\n\r\n", at);
        if (headersEnd < 0 || headersEnd - at > MaxPartHeaderBytes)
            return notAForm(QStringLiteral("a part's headers do not end"));
        QString disposition;
        for (const QByteArray &line : body.mid(at, headersEnd - at).split('\n')) {
            const QByteArray header = line.trimmed();
            if (header.toLower().startsWith("content-disposition:"))
                disposition = QString::fromUtf8(header.mid(20).trimmed());
        }
        const qsizetype dataStart = headersEnd + 4;
        const qsizetype dataEnd = body.indexOf(nextDelimiter, dataStart);
        if (dataEnd < 0)
            return notAForm(QStringLiteral("a part does not end"));
        const QString name = parameter(disposition, QStringLiteral("name"));
        if (!disposition.startsWith(QLatin1String("form-data"), Qt::CaseInsensitive) ||
            name.isEmpty())
            return notAForm(QStringLiteral("a part has no form-data name"));
        if (parts.size() >= MaxParts)
            return notAForm(QStringLiteral("it has more than %1 parts").arg(MaxParts));
        parts.insert(name, Part{parameter(disposition, QStringLiteral("filename")),
                                QByteArrayView(body).sliced(dataStart, dataEnd - dataStart)});
        at = dataEnd + 2 + delimiter.size();
    }
}

} // namespace Cairn
