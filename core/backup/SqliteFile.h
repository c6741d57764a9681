#pragma once

#include "Result.h"

#include <QSqlDatabase>
#include <QString>
#include <QVariantList>
#include <memory>

namespace Cairn {

// A connection of its own to one SQLite file, outside the core's connections (which would
// create and migrate the schema): a backup reads a database as it is, a restore checks one
// before it is put in place.
class SqliteFile
{
public:
    enum class Mode
    {
        ReadOnly,
        ReadWrite,
    };
    static Result<std::unique_ptr<SqliteFile>> open(const QString &path, Mode mode);
    ~SqliteFile();
    SqliteFile(const SqliteFile &) = delete;
    SqliteFile &operator=(const SqliteFile &) = delete;

    // The first column of each row the statement gives; its values are bound, never spliced.
    Result<QVariantList> column(const QString &sql, const QVariantList &values = {});

private:
    explicit SqliteFile(QString connectionName);
    QString m_connectionName;
};

} // namespace Cairn
