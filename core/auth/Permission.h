#pragma once

#include "Action.h"

#include <QJsonObject>
#include <optional>

namespace Cairn {

// One granted action on one object, or on every object of a type when objectId is empty,
// held by a user or by a group (exactly one of the two).
struct Permission
{
    qint64 id = 0;
    std::optional<qint64> userId;
    std::optional<qint64> groupId;
    QString objectType;
    std::optional<qint64> objectId;
    Action action = Action::View;

    QJsonObject toJson() const;
};

} // namespace Cairn
