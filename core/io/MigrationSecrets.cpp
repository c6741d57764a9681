#include "MigrationSecrets.h"

#include <QJsonDocument>

namespace Cairn {

namespace {

const QString For = QStringLiteral("for");
const QString Secrets = QStringLiteral("secrets");

} // namespace

QString MigrationSecrets::ownerOf(const QJsonArray &parts)
{
    return QString::fromUtf8(QJsonDocument(parts).toJson(QJsonDocument::Compact));
}

void MigrationSecrets::sealInto(QJsonObject &object, const QJsonObject &secrets,
                                const QString &owner) const
{
    if (m_key && !secrets.isEmpty())
        object.insert(
            Field, m_key->sealer().seal(QJsonDocument(QJsonObject{{For, owner}, {Secrets, secrets}})
                                            .toJson(QJsonDocument::Compact)));
}

Result<QJsonObject> MigrationSecrets::takeFrom(QJsonObject &object, const QString &owner) const
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
    if (document.object().value(For).toString() != owner)
        return Error::invalidField(Field, QStringLiteral("These secrets were sealed for another "
                                                         "object (or its owner or URL changed); "
                                                         "secrets are not moved in the file."));
    return document.object().value(Secrets).toObject();
}

} // namespace Cairn
