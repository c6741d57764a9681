#include "MigrationType.h"

#include "automation/EnmsValues.h"

#include <QHash>
#include <algorithm>

namespace Cairn {

namespace {

// Objects saved per call: each is saved on its own, so this only bounds what a call holds.
constexpr qsizetype BatchSize = 500;

QString fileOf(const QString &type)
{
    return type + QStringLiteral(".yaml");
}

// What a problem calls the object: its name, or a user's username.
QString nameOf(const QJsonObject &object)
{
    const QString name = object.value(QLatin1String("name")).toString();
    return name.isEmpty() ? object.value(QLatin1String("username")).toString() : name;
}

} // namespace

QJsonObject MigrationProblem::toJson() const
{
    return {{QStringLiteral("file"), file},
            {QStringLiteral("line"), line},
            {QStringLiteral("name"), name},
            {QStringLiteral("error"), error}};
}

void MigrationType::saveEach(const QString &type, const QList<MigrationEntry> &entries,
                             const std::function<SaveReport(const QJsonArray &)> &save,
                             QList<MigrationProblem> &problems)
{
    for (qsizetype start = 0; start < entries.size(); start += BatchSize) {
        QJsonArray batch;
        QHash<QString, int> lines;
        for (qsizetype i = start; i < qMin(start + BatchSize, entries.size()); ++i) {
            batch.append(entries.at(i).object);
            lines.insert(entries.at(i).object.value(QLatin1String("name")).toString(),
                         entries.at(i).line);
        }
        const SaveReport report = save(batch);
        for (const QJsonValue failure : report.failure) {
            const QJsonArray pair = failure.toArray();
            const QString name = pair.at(0).toObject().value(QLatin1String("name")).toString();
            problems.append({fileOf(type), lines.value(name), name, pair.at(1).toString()});
        }
    }
}

Result<void> MigrationType::savedAlone(const SaveReport &report)
{
    if (report.failure.isEmpty())
        return {};
    return Error::badRequest(report.failure.first().toArray().at(1).toString());
}

void MigrationType::sortBy(QList<QJsonObject> &objects, const QStringList &keys)
{
    std::stable_sort(objects.begin(), objects.end(),
                     [&keys](const QJsonObject &a, const QJsonObject &b) {
                         for (const QString &key : keys) {
                             const int order =
                                 QString::compare(a.value(key).toString(), b.value(key).toString());
                             if (order != 0)
                                 return order < 0;
                         }
                         return false;
                     });
}

Result<void> MigrationType::saveEach(const QString &type, const QList<MigrationEntry> &entries,
                                     const std::function<Result<void>(const QJsonObject &)> &save,
                                     QList<MigrationProblem> &problems)
{
    for (const MigrationEntry &entry : entries) {
        Result<void> saved = save(entry.object);
        if (!saved && saved.error().code == ErrorCode::Internal)
            return saved;
        if (!saved)
            problems.append({fileOf(type), entry.line, nameOf(entry.object),
                             EnmsValues::reasonOf(saved.error())});
    }
    return {};
}

} // namespace Cairn
