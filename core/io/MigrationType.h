#pragma once

#include "MigrationSecrets.h"
#include "Result.h"
#include "automation/SaveReport.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <functional>

namespace Cairn {

// An object of a migration project's file and the line it starts on, for the report.
struct MigrationEntry
{
    QJsonObject object;
    int line = 0;
};

// Why an object of a project was not imported.
struct MigrationProblem
{
    QString file;
    int line = 0;
    QString name;
    QString error;

    QJsonObject toJson() const;
};

// One type of a migration project (`<name>.yaml`): how its objects are read for an export and
// saved by an import. Relations are by name; the types are imported in the order
// MigrationCatalog lists them, so that what an object names is there before it.
struct MigrationType
{
    QString name;
    // Keys written first in each object's block (the others follow, sorted).
    QStringList leading;
    // Every object, in an order that does not change between two exports of the same data,
    // without ids or times; what the type holds in secret sealed by `secrets` (left out when
    // the export has no passphrase).
    std::function<Result<QList<QJsonObject>>(const MigrationSecrets &secrets)> read;
    // Saves `entries` in `pass`: 0 the objects, 1 their ties to others of their own type (an
    // interface's parent); objects refused go to `problems`; an error stops the whole import.
    std::function<Result<void>(const QList<MigrationEntry> &entries, int pass,
                               const MigrationSecrets &secrets, QList<MigrationProblem> &problems)>
        save;
    int passes = 1;

    // Saves `entries` through one of eNMS's saves (each object on its own), a batch at a time;
    // each object refused becomes a problem of the type's file.
    static void saveEach(const QString &type, const QList<MigrationEntry> &entries,
                         const std::function<SaveReport(const QJsonArray &)> &save,
                         QList<MigrationProblem> &problems);

    // Saves `entries` one at a time with `save`; a refused object becomes a problem of the
    // type's file, a failure of the server (ErrorCode::Internal) stops the import.
    static Result<void> saveEach(const QString &type, const QList<MigrationEntry> &entries,
                                 const std::function<Result<void>(const QJsonObject &)> &save,
                                 QList<MigrationProblem> &problems);

    // What saving one object through an eNMS save did: nothing, or why it was refused.
    static Result<void> savedAlone(const SaveReport &report);

    // Whether a save went through, without what it saved.
    template <typename T> static Result<void> done(const Result<T> &result)
    {
        return result ? Result<void>() : Result<void>(result.error());
    }

    // In the order of `keys` (text values), so that two exports of the same data compare.
    static void sortBy(QList<QJsonObject> &objects, const QStringList &keys);

    // Every row a paged list gives, a page of `PageSize` at a time.
    template <typename Row, typename Filter, typename List>
    static Result<QList<Row>> allPages(Filter filter, List &&list)
    {
        QList<Row> all;
        filter.limit = PageSize;
        for (filter.offset = 0;; filter.offset += PageSize) {
            Result<QList<Row>> page = list(filter);
            if (!page)
                return page.error();
            all.append(page.value());
            if (page->size() < PageSize)
                return all;
        }
    }
    static constexpr int PageSize = 1000;
};

} // namespace Cairn
