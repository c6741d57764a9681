#include "Command.h"

#include "JsonTime.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace Cairn {

namespace {

const QRegularExpression &placeholderPattern()
{
    static const QRegularExpression pattern(QStringLiteral("<([A-Za-z][A-Za-z0-9_]*)>"));
    return pattern;
}

} // namespace

QStringList Command::placeholders() const
{
    QStringList names;
    for (const QRegularExpressionMatch &match : placeholderPattern().globalMatch(command)) {
        if (!names.contains(match.captured(1)))
            names << match.captured(1);
    }
    return names;
}

QString Command::skeleton() const
{
    QHash<QString, QString> words;
    for (const QString &name : placeholders())
        words.insert(name, QStringLiteral("value"));
    return render(words);
}

QString Command::render(const QHash<QString, QString> &values, bool shellQuoted) const
{
    QString rendered;
    qsizetype from = 0;
    for (const QRegularExpressionMatch &match : placeholderPattern().globalMatch(command)) {
        rendered += QStringView(command).mid(from, match.capturedStart() - from);
        const auto value = values.constFind(match.captured(1));
        if (value == values.constEnd())
            rendered += match.captured(0);
        else if (shellQuoted)
            rendered += QLatin1Char('\'') +
                        QString(value.value()).replace(QLatin1Char('\''), QLatin1String("'\\''")) +
                        QLatin1Char('\'');
        else
            rendered += value.value();
        from = match.capturedEnd();
    }
    return rendered + QStringView(command).mid(from);
}

QJsonObject Command::toJson() const
{
    QJsonArray variableRows;
    for (const CommandVariable &variable : variables)
        variableRows.append(variable.toJson());
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("display"), name},
            {QStringLiteral("command"), command},
            {QStringLiteral("description"), description},
            {QStringLiteral("command_type"), commandType},
            {QStringLiteral("platforms"), QJsonArray::fromStringList(platforms)},
            {QStringLiteral("tags"), QJsonArray::fromStringList(tags)},
            {QStringLiteral("variables"), variableRows},
            {QStringLiteral("created"), isoTimestamp(createdAt)},
            {QStringLiteral("last_updated"), isoTimestamp(updatedAt)}};
}

} // namespace Cairn
