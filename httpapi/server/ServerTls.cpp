#include "ServerTls.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

namespace Cairn {

namespace {

Error unusable(const QString &setting, const QString &why)
{
    return Error::badRequest(QStringLiteral("[http] %1: %2").arg(setting, why));
}

} // namespace

Result<QSslConfiguration> ServerTls::load(const QString &certificatePath, const QString &keyPath)
{
    if (!QSslSocket::supportsSsl())
        return unusable(QStringLiteral("certificate"),
                        QStringLiteral("this Qt has no TLS backend"));
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(
        certificatePath, QSsl::Pem, QSslCertificate::PatternSyntax::FixedString);
    if (chain.isEmpty() || chain.constFirst().isNull())
        return unusable(QStringLiteral("certificate"),
                        QStringLiteral("no PEM certificate could be read from the file"));
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly))
        return unusable(QStringLiteral("key"), QStringLiteral("the file cannot be read"));
    const QByteArray pem = keyFile.readAll();
    QSslKey key;
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        key = QSslKey(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull())
        return unusable(
            QStringLiteral("key"),
            QStringLiteral("no unencrypted PEM private key could be read from the file"));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    // A server asks no certificate of its clients; they authenticate over HTTP.
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    return tls;
}

} // namespace Cairn
