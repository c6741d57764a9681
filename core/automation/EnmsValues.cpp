#include "EnmsValues.h"

namespace Cairn::EnmsValues {

QStringList textsOf(const QJsonValue &value)
{
    if (value.isArray()) {
        QStringList texts;
        for (const QJsonValue item : value.toArray())
            texts << textsOf(item);
        return texts;
    }
    if (value.isBool())
        return {value.toBool() ? QStringLiteral("true") : QStringLiteral("false")};
    if (value.isDouble())
        return {QString::number(value.toDouble(), 'g', 17)};
    return {value.toString()};
}

SaveReport reportOf(const QJsonArray &objects, const QList<Result<QString>> &outcomes)
{
    SaveReport report;
    for (qsizetype i = 0; i < objects.size(); ++i) {
        if (outcomes.at(i))
            report.success << outcomes.at(i).value();
        else
            report.failure.append(QJsonArray{objects.at(i), reasonOf(outcomes.at(i).error())});
    }
    return report;
}

QString reasonOf(const Error &error)
{
    if (error.fields.isEmpty())
        return error.message;
    QStringList parts;
    for (auto it = error.fields.begin(); it != error.fields.end(); ++it)
        parts << it.key() + QStringLiteral(": ") + textsOf(it.value()).join(QLatin1String(" "));
    return parts.join(QLatin1String("; "));
}

Result<QJsonArray> matching(const QList<QJsonObject> &objects, const QSet<QString> &known,
                            const QList<QPair<QString, QString>> &equal)
{
    for (const auto &[property, value] : equal) {
        if (!known.contains(property))
            return Error::invalidField(property, QStringLiteral("No such property."));
    }
    QJsonArray found;
    for (const QJsonObject &object : objects) {
        const bool all = std::all_of(equal.cbegin(), equal.cend(), [&](const auto &pair) {
            return textsOf(object.value(pair.first)).contains(pair.second);
        });
        if (all)
            found.append(object);
    }
    return found;
}

Result<void> stringsIn(const QJsonObject &object, std::initializer_list<const char *> fields)
{
    for (const char *text : fields) {
        const QJsonValue field = object.value(QLatin1String(text));
        if (!field.isUndefined() && !field.isString())
            return Error::invalidField(QString::fromLatin1(text),
                                       QStringLiteral("Not a valid string."));
    }
    return {};
}

QList<bool> savedAlone(const QJsonArray &objects)
{
    QHash<QString, int> uses;
    for (const QJsonValue value : objects) {
        const QJsonObject object = value.toObject();
        ++uses[object.value(QLatin1String("name")).toString().trimmed()];
        if (object.contains(QLatin1String("new_name")))
            uses[object.value(QLatin1String("new_name")).toString().trimmed()] += 2;
    }
    QList<bool> alone;
    alone.reserve(objects.size());
    for (const QJsonValue value : objects) {
        const QJsonObject object = value.toObject();
        alone << (uses.value(object.value(QLatin1String("name")).toString().trimmed()) > 1 ||
                  object.contains(QLatin1String("new_name")));
    }
    return alone;
}

Result<QString> nameOf(const QJsonObject &object)
{
    const QJsonValue name = object.value(QStringLiteral("name"));
    if (!name.isString() || name.toString().trimmed().isEmpty())
        return Error::invalidField(QStringLiteral("name"),
                                   QStringLiteral("This field is required."));
    return name.toString().trimmed();
}

Result<Named> namedObject(const QJsonValue &value)
{
    if (!value.isObject())
        return Error::badRequest(QStringLiteral("Expected an object."));
    Named named{value.toObject(), {}};
    const Result<QString> name = nameOf(named.object);
    if (!name)
        return name.error();
    named.name = name.value();
    return named;
}

} // namespace Cairn::EnmsValues
