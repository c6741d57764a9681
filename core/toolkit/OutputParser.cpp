#include "OutputParser.h"

#include "textfsm/TextFsmMachine.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QMutexLocker>

namespace Cairn {

namespace {

const QString ShippedFolder = QStringLiteral(":/cairn/toolkit/templates");

Result<QString> readText(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::internal(QStringLiteral("%1: %2").arg(path, file.errorString()));
    return QString::fromUtf8(file.readAll());
}

// An index or a template, parsed; errors name the file.
template <typename T> Result<std::shared_ptr<const T>> parsedFile(const QString &path)
{
    const Result<QString> text = readText(path);
    if (!text)
        return text.error();
    Result<T> parsed = T::parse(text.value());
    if (!parsed)
        return Error::badRequest(
            QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), parsed.error().message));
    return std::make_shared<const T>(std::move(parsed).value());
}

QJsonObject failure(const QString &method, const QString &error)
{
    return {{QStringLiteral("success"), false},
            {QStringLiteral("method"), method},
            {QStringLiteral("error"), error}};
}

// Records as objects keyed by the template's value names in lower case.
QJsonArray recordsAsObjects(const QStringList &header, const QList<QJsonArray> &records)
{
    QJsonArray objects;
    for (const QJsonArray &record : records) {
        QJsonObject object;
        for (qsizetype column = 0; column < header.size(); ++column)
            object.insert(header[column].toLower(), record.at(column));
        objects.append(object);
    }
    return objects;
}

} // namespace

OutputParser::OutputParser(const QString &userFolder)
{
    if (!userFolder.isEmpty())
        m_folders << userFolder;
    m_folders << ShippedFolder;
}

QJsonObject OutputParser::notParsed(const QString &why)
{
    return failure(QStringLiteral("none"), why);
}

Result<void> OutputParser::checkFolder(const QString &folder)
{
    const Result<std::shared_ptr<const TemplateIndex>> index =
        parsedFile<TemplateIndex>(folder + QStringLiteral("/index"));
    if (!index)
        return index.error();
    return {};
}

template <typename T>
Result<std::shared_ptr<const T>> OutputParser::load(QHash<QString, Cached<T>> &cache,
                                                    const QString &path)
{
    const QDateTime modified = QFileInfo(path).lastModified();
    const auto entry = cache.constFind(path);
    if (entry != cache.constEnd() && entry->modified == modified)
        return entry->loaded;
    const Cached<T> fresh{modified, parsedFile<T>(path)};
    cache.insert(path, fresh);
    return fresh.loaded;
}

QJsonObject OutputParser::parse(const QString &platform, const QString &hostname,
                                const QString &command, const QString &output)
{
    const QString method = QStringLiteral("textfsm");
    for (const QString &folder : std::as_const(m_folders)) {
        QMutexLocker locker(&m_mutex);
        const Result<std::shared_ptr<const TemplateIndex>> index =
            load(m_indexes, folder + QStringLiteral("/index"));
        if (!index)
            return failure(method, index.error().message);
        const QStringList names = index.value()->templatesFor(platform, hostname, command);
        if (names.isEmpty())
            continue;
        // clitable merges several templates' records by their Key values; one is what
        // ntc-templates uses for the commands it knows.
        if (names.size() > 1)
            return failure(method, QStringLiteral("The index names several templates (%1) for "
                                                  "this command; Cairn parses with one.")
                                       .arg(names.join(QLatin1Char(':'))));
        const Result<std::shared_ptr<const TextFsmTemplate>> fsmTemplate =
            load(m_templates, folder + QLatin1Char('/') + names.first());
        locker.unlock();
        if (!fsmTemplate)
            return failure(method, fsmTemplate.error().message);
        const Result<QList<QJsonArray>> records =
            TextFsmMachine(*fsmTemplate.value()).parse(output);
        if (!records)
            return failure(method, records.error().message);
        return {{QStringLiteral("success"), true},
                {QStringLiteral("method"), method},
                {QStringLiteral("template"), names.first()},
                {QStringLiteral("data"),
                 recordsAsObjects(fsmTemplate.value()->header(), records.value())}};
    }
    return notParsed(QStringLiteral("No parsing template for platform \"%1\" and command \"%2\".")
                         .arg(platform, command));
}

} // namespace Cairn
