#pragma once

#include "CommandVariable.h"

#include <QList>

namespace Cairn {

// An approved command: text with `<variable>` placeholders, for some platforms, either a show
// command (read-only, `execute_show`) or a configuration (`execute_config`).
struct Command
{
    qint64 id = 0;
    QString name;
    QString command;
    QString description;
    QString commandType = QStringLiteral("show");
    QStringList platforms;
    QStringList tags;
    QList<CommandVariable> variables;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;

    bool isConfig() const { return commandType == QLatin1String("config"); }
    // The names inside `<...>` in the text, in order of first appearance.
    QStringList placeholders() const;
    // The text with each placeholder replaced by its value.
    // With `shellQuoted` (commands run by a shell over an exec channel) every value is one
    // single-quoted word, whatever it holds.
    QString render(const QHash<QString, QString> &values, bool shellQuoted = false) const;
    // The text with each placeholder as the word "value": its shape, whatever the values.
    QString skeleton() const;
    QJsonObject toJson() const;
};

} // namespace Cairn
