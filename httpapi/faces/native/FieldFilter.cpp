#include "FieldFilter.h"

#include "routing/ApiRequest.h"

namespace Cairn {

namespace {

bool equals(const QJsonValue &value, const QString &wanted)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString() == wanted;
    case QJsonValue::Double: {
        bool numeric = false;
        const double number = wanted.toDouble(&numeric);
        return numeric && number == value.toDouble();
    }
    case QJsonValue::Bool:
        return wanted.compare(value.toBool() ? QLatin1String("true") : QLatin1String("false"),
                              Qt::CaseInsensitive) == 0;
    default:
        return false;
    }
}

} // namespace

const QStringList &FieldFilter::reserved()
{
    static const QStringList names{QStringLiteral("limit"), QStringLiteral("offset"),
                                   QStringLiteral("fields"), QStringLiteral("omit"),
                                   QStringLiteral("expand")};
    return names;
}

FieldFilter::FieldFilter(const ApiRequest &request)
{
    for (const auto &[name, value] : request.http.query.queryItems(QUrl::FullyDecoded)) {
        // An empty value filters nothing, as in Django REST framework.
        if (!reserved().contains(name) && !value.isEmpty())
            m_wanted[name] << value;
    }
}

bool FieldFilter::matches(const QJsonObject &item) const
{
    for (auto it = m_wanted.cbegin(); it != m_wanted.cend(); ++it) {
        const QJsonValue value = item.value(it.key());
        // Not a field of the item, or one no text can stand for: nothing to compare.
        if (value.isUndefined() || value.isArray() || value.isObject())
            continue;
        const QStringList &wanted = it.value();
        if (std::none_of(wanted.cbegin(), wanted.cend(),
                         [&](const QString &one) { return equals(value, one); }))
            return false;
    }
    return true;
}

Result<void> FieldFilter::refuseAny() const
{
    if (m_wanted.isEmpty())
        return {};
    QJsonObject refused;
    for (auto it = m_wanted.cbegin(); it != m_wanted.cend(); ++it)
        refused.insert(it.key(), QStringLiteral("This list is not filtered by %1.").arg(it.key()));
    return Error::badRequest(QStringLiteral("Unknown query parameters."), refused);
}

} // namespace Cairn
