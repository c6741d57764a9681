#pragma once

#include "Result.h"
#include "Sealer.h"

#include <QJsonObject>

namespace Cairn {

// A Sealer whose key is derived from a passphrase a person chose (Argon2id), for secrets that
// leave the server: whoever holds the file needs the passphrase too. What derives the key
// again (salt and cost, never the passphrase) travels with the sealed secrets, and a sealed
// check value tells a wrong passphrase from damaged secrets.
class PassphraseKey
{
public:
    // A new key with a fresh salt; a passphrase shorter than MinLength is a 400 on `field`.
    static Result<PassphraseKey> create(const QString &passphrase, const QString &field);
    // Whether create() would take `passphrase`, without the cost of deriving a key.
    static Result<void> acceptable(const QString &passphrase, const QString &field);
    // The key `parameters` (what `parameters()` gave) describe; a wrong passphrase is a 400 on
    // `field`.
    static Result<PassphraseKey> open(const QString &passphrase, const QJsonObject &parameters,
                                      const QString &field);

    const Sealer &sealer() const { return m_sealer; }
    // {kdf, salt, opslimit, memlimit, check}: safe to publish.
    QJsonObject parameters() const;

    static constexpr int MinLength = 12;

private:
    PassphraseKey(QByteArray salt, quint64 opsLimit, quint64 memLimit, QByteArray key);

    QByteArray m_salt;
    quint64 m_opsLimit;
    quint64 m_memLimit;
    Sealer m_sealer;
};

} // namespace Cairn
