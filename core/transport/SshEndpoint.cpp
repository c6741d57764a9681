#include "SshEndpoint.h"

#include <QCryptographicHash>

namespace Cairn {

QString SshEndpoint::poolKey() const
{
    // The secrets take part through a hash, so two credential sets for one user never share.
    QCryptographicHash secrets(QCryptographicHash::Sha256);
    secrets.addData(password.toUtf8());
    secrets.addData(QByteArrayView("\0", 1));
    secrets.addData(privateKey.toUtf8());
    secrets.addData(QByteArrayView("\0", 1));
    secrets.addData(enablePassword.toUtf8());
    // Per inventory device too: a session's host key was checked for the device it was opened
    // for (KnownHosts binds devices to addresses).
    return QStringLiteral("%1@%2:%3/%4#%5")
        .arg(username, host)
        .arg(port)
        .arg(QString::fromLatin1(secrets.result().toHex()))
        .arg(deviceId);
}

} // namespace Cairn
