#pragma once

#include "Result.h"
#include "textfsm/TemplateIndex.h"
#include "textfsm/TextFsmTemplate.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <memory>

namespace Cairn {

// Turns a command's output into records with the TextFSM template an index names for the
// device's platform and the command: an execution's `parsed_output`, which always says whether
// parsing worked (`success`), how (`method`: textfsm, or none when no template applies) and
// gives `data` (one object per record, keys lower-cased as netmiko and ntc-templates give them)
// or the `error`. Safe to call from several threads.
class OutputParser
{
public:
    // `userFolder`: a folder with an ntc-templates style `index` and templates, consulted before
    // the templates Cairn ships; empty for the shipped ones alone. Edits to its files are
    // picked up on the next parse.
    explicit OutputParser(const QString &userFolder = QString());

    QJsonObject parse(const QString &platform, const QString &hostname, const QString &command,
                      const QString &output);

    // The answer when the output is not parsed at all, and why.
    static QJsonObject notParsed(const QString &why);

    // Whether a folder can serve as `userFolder` (it has a readable, valid index).
    static Result<void> checkFolder(const QString &folder);

private:
    template <typename T> struct Cached
    {
        QDateTime modified;
        Result<std::shared_ptr<const T>> loaded = Error();
    };

    // The file parsed, again only when it changed since it was last parsed.
    template <typename T>
    Result<std::shared_ptr<const T>> load(QHash<QString, Cached<T>> &cache, const QString &path);

    QStringList m_folders;
    QMutex m_mutex;
    QHash<QString, Cached<TemplateIndex>> m_indexes;
    QHash<QString, Cached<TextFsmTemplate>> m_templates;
};

} // namespace Cairn
