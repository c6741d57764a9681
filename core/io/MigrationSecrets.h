#pragma once

#include "Result.h"
#include "auth/PassphraseKey.h"

#include <QJsonArray>
#include <QJsonObject>
#include <optional>

namespace Cairn {

// The secrets of a migration project: sealed under the passphrase its exporter gave, in each
// object's `sealed_secrets`, or not in the project at all.
class MigrationSecrets
{
public:
    static inline const QString Field = QStringLiteral("sealed_secrets");

    // An owner made of several fields (kind first), written so that no field's text can pass
    // for two: JSON, not a joined string.
    static QString ownerOf(const QJsonArray &parts);

    MigrationSecrets() = default;
    explicit MigrationSecrets(PassphraseKey key)
        : m_key(std::move(key))
    {
    }

    // Whether secrets go with the project (a passphrase was given).
    bool carried() const { return m_key.has_value(); }
    // Seals `secrets` into `object` when they go with the project, bound to `owner`: what
    // they are for (the object's type and name, a credential set's owner, a REST call's URL),
    // so that moving them to another object, or pointing the object elsewhere, in the file
    // does not hand them over.
    void sealInto(QJsonObject &object, const QJsonObject &secrets, const QString &owner) const;
    // What derives the key again ({kdf, salt, ...}), for the project's metadata.
    QJsonObject parameters() const { return m_key ? m_key->parameters() : QJsonObject(); }
    // The secrets `object` carries, taken out of it (an empty object when none); a project
    // that carries secrets needs its passphrase, and secrets sealed for another `owner` are
    // refused.
    Result<QJsonObject> takeFrom(QJsonObject &object, const QString &owner) const;

private:
    std::optional<PassphraseKey> m_key;
};

} // namespace Cairn
