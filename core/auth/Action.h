#pragma once

#include <QStringList>
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
// Every action's name, in the order above (for help texts and errors).
QStringList actionNames();

} // namespace Cairn
