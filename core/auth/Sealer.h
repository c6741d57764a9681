#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

namespace Cairn {

// Seals secrets that must be read back later (a user's NSoT secret key, device credentials)
// with a libsodium secretbox: authenticated encryption under a key derived from the ServerKey.
class Sealer
{
public:
    explicit Sealer(QByteArray key);

    QString seal(const QByteArray &plain) const;
    Result<QByteArray> open(const QString &sealed) const;

private:
    QByteArray m_key;
};

} // namespace Cairn
