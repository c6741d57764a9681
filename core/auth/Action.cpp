#include "Action.h"

#include <array>
#include <utility>

namespace Cairn {

namespace {
constexpr std::array<std::pair<Action, const char *>, 9> Names{{
    {Action::View, "view"},
    {Action::Add, "add"},
    {Action::Change, "change"},
    {Action::Delete, "delete"},
    {Action::Run, "run"},
    {Action::ExecuteShow, "execute_show"},
    {Action::ExecuteConfig, "execute_config"},
    {Action::Control, "control"},
    {Action::Admin, "admin"},
}};
} // namespace

QString actionName(Action action)
{
    for (const auto &[value, name] : Names) {
        if (value == action)
            return QString::fromLatin1(name);
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<Action> actionFromName(const QString &name)
{
    for (const auto &[value, text] : Names) {
        if (name == QLatin1String(text))
            return value;
    }
    return std::nullopt;
}

QStringList actionNames()
{
    QStringList names;
    for (const auto &[value, name] : Names)
        names << QString::fromLatin1(name);
    return names;
}

} // namespace Cairn
