#pragma once

#include "Result.h"
#include "SaveReport.h"
#include "auth/PermissionService.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QStringList>
#include <initializer_list>

namespace Cairn::EnmsValues {

// A property's value as text, as a query string gives it (a list: each of its items).
QStringList textsOf(const QJsonValue &value);
// A refused object's reason: the message, or each field and what is wrong with it.
QString reasonOf(const Error &error);
// The objects whose every property in `equal` has that value (`GET /rest/query/<type>`); a
// property outside `known` is a 400 naming it.
Result<QJsonArray> matching(const QList<QJsonObject> &objects, const QSet<QString> &known,
                            const QList<QPair<QString, QString>> &equal);

// Each of `fields` the object has is a string; a 400 names the first that is not.
Result<void> stringsIn(const QJsonObject &object, std::initializer_list<const char *> fields);
// For each object of a list to save, whether it must be saved on its own and in order: its name
// is one the list gives twice (as a name or a new name), or it renames. Saving such an object
// with the others could change what the later ones meet.
QList<bool> savedAlone(const QJsonArray &objects);
// The `name` an object to save is known by (trimmed); a 400 when it has none.
Result<QString> nameOf(const QJsonObject &object);
// An object to save and its name (nameOf()); a 400 when it is no object or has no name.
struct Named
{
    QJsonObject object;
    QString name;
};
Result<Named> namedObject(const QJsonValue &value);

// What `find()` (a Result<std::optional<T>>) gives, once the caller may change it, or add
// one when there is none, on `type`: how every eNMS save by name opens.
template <typename Find>
auto existingToSave(PermissionService &permissions, const Identity &caller, const char *type,
                    Find &&find) -> decltype(find())
{
    auto existing = find();
    if (!existing)
        return existing;
    const Result<void> allowed =
        permissions.require(caller, QString::fromLatin1(type), std::nullopt,
                            existing->has_value() ? Action::Change : Action::Add);
    if (!allowed)
        return allowed.error();
    return existing;
}

// What saving `objects` did, from what became of each, by position: its name as saved, or why
// it was refused.
SaveReport reportOf(const QJsonArray &objects, const QList<Result<QString>> &outcomes);

// Each object saved on its own by `save(object) -> Result<QString>` (the name it was saved
// under): one refused object never stops the others, as in eNMS.

template <typename Save> SaveReport saveEach(const QJsonArray &objects, Save &&save)
{
    SaveReport report;
    for (const QJsonValue object : objects) {
        const Result<QString> saved = save(object);
        if (saved)
            report.success << saved.value();
        else
            report.failure.append(QJsonArray{object, reasonOf(saved.error())});
    }
    return report;
}

} // namespace Cairn::EnmsValues
