#pragma once

#include "PermissionService.h"

#include <QList>

namespace Cairn {

// The items of `all` (anything with an `id`) the caller may view: all of them with a grant on
// the whole object type, else those granted one by one.
template <typename T>
Result<QList<T>> viewable(PermissionService &permissions, const Identity &caller,
                          const char *objectType, const QList<T> &all)
{
    const QString type = QString::fromLatin1(objectType);
    const Result<bool> everything = permissions.isAllowed(caller, type, std::nullopt, Action::View);
    if (!everything)
        return everything.error();
    if (everything.value())
        return all;
    QList<T> allowed;
    for (const T &item : all) {
        const Result<bool> one = permissions.isAllowed(caller, type, item.id, Action::View);
        if (!one)
            return one.error();
        if (one.value())
            allowed << item;
    }
    return allowed;
}

} // namespace Cairn
