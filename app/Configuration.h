#pragma once

#include "Result.h"

#include <QCommandLineParser>
#include <QHash>
#include <QSettings>
#include <QStringList>
#include <QVariant>
#include <memory>

namespace Cairn {

// The settings a command runs with, each from the first place that has it: the command line,
// then the config file (--config), then the default its reader gives. It knows every key the
// file may hold, so a typo (`thread=4`) stops the start with the file, the line and the nearest
// known key instead of being ignored; and it remembers what was read from where, for
// `cairn serve --print-config`.
class Configuration
{
public:
    // Reads and checks --config when given: a file that is missing, unreadable or names a section
    // or key Cairn does not know is an error saying where.
    static Result<Configuration> load(const QCommandLineParser &parser);
    // Every "section/key" a config file may hold.
    static const QStringList &knownKeys();

    // The environment variable standing for `key`: CAIRN_SERVER_NODE_NAME for server/node_name.
    static QString environmentName(const QString &key);
    // `flag`'s value when given on the command line, else the key's environment variable, else
    // the file's `key`, else `fallback`.
    QVariant value(const QString &key, const QVariant &fallback, const QString &flag = {}) const;
    // A repeatable flag's values, else the variable's or the file's list (comma-separated), else
    // none.
    QStringList values(const QString &key, const QString &flag) const;
    const QCommandLineParser &parser() const { return *m_parser; }
    bool hasFile() const { return m_file != nullptr; }
    QString filePath() const { return m_path; }
    // What was read, one "section/key = value   (from where)" line each, in the order read.
    QString report() const;

private:
    struct Reading
    {
        QString key;
        QString value;
        QString source;
    };

    explicit Configuration(const QCommandLineParser &parser)
        : m_parser(&parser)
    {
    }
    bool flagGiven(const QString &flag) const;
    QString fileSource(const QString &key) const;
    void record(const QString &key, const QVariant &value, const QString &source) const;

    const QCommandLineParser *m_parser;
    QString m_path;
    std::shared_ptr<QSettings> m_file;
    QHash<QString, int> m_lineOfKey;
    // Filled as the commands read their settings; the object is not shared between threads.
    std::shared_ptr<QList<Reading>> m_readings = std::make_shared<QList<Reading>>();
};

} // namespace Cairn
