#pragma once

#include <QString>
#include <optional>

namespace Cairn {

// What a permission allows on an object. `admin` includes every other action.
enum class Action
{
    View,
    Add,
    Change,
    Delete,
    Run,
    ExecuteShow,
    ExecuteConfig,
    Control,
    Admin,
};

QString actionName(Action action);
std::optional<Action> actionFromName(const QString &name);

} // namespace Cairn
