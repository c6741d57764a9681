#include "MigrationSecrets.h"

#include <QJsonDocument>

namespace Cairn {

void MigrationSecrets::sealInto(QJsonObject &object, const QJsonObject &secrets) const
{
    if (m_key && !secrets.isEmpty())
        object.insert(Field,
                      m_key->sealer().seal(QJsonDocument(secrets).toJson(QJsonDocument::Compact)));
}

Result<QJsonObject> MigrationSecrets::takeFrom(QJsonObject &object) const
{
    const QJsonValue sealed = object.take(Field);
    if (sealed.isUndefined() || sealed.isNull())
        return QJsonObject();
    if (!m_key)
        return Error::invalidField(
            QStringLiteral("passphrase"),
            QStringLiteral("The project carries secrets: give the passphrase it was exported "
                           "with."));
    if (!sealed.isString())
        return Error::invalidField(Field, QStringLiteral("Sealed secrets are text."));
    const Result<QByteArray> opened = m_key->sealer().open(sealed.toString());
    if (!opened)
        return Error::invalidField(Field,
                                   QStringLiteral("These secrets cannot be opened: they were "
                                                  "sealed under another passphrase or changed."));
    QJsonParseError parsed;
    const QJsonDocument document = QJsonDocument::fromJson(opened.value(), &parsed);
    if (parsed.error != QJsonParseError::NoError || !document.isObject())
        return Error::invalidField(Field, QStringLiteral("These secrets are damaged."));
    return document.object();
}

} // namespace Cairn
