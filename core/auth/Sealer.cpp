#include "Sealer.h"

#include "Sodium.h"

#include <sodium.h>

namespace Cairn {

Sealer::Sealer(QByteArray key)
    : m_key(std::move(key))
{
    Q_ASSERT(m_key.size() == crypto_secretbox_KEYBYTES);
}

QString Sealer::seal(const QByteArray &plain) const
{
    QByteArray box = Sodium::randomBytes(crypto_secretbox_NONCEBYTES);
    box.resize(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size());
    auto *out = reinterpret_cast<unsigned char *>(box.data());
    crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char *>(plain.constData()),
                          quint64(plain.size()), out,
                          reinterpret_cast<const unsigned char *>(m_key.constData()));
    return QString::fromLatin1(box.toBase64());
}

Result<QByteArray> Sealer::open(const QString &sealed) const
{
    const QByteArray box = QByteArray::fromBase64(sealed.toLatin1());
    const qsizetype overhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
    if (box.size() < overhead)
        return Error::internal(QStringLiteral("A sealed secret is damaged."));
    QByteArray plain(box.size() - overhead, Qt::Uninitialized);
    const auto *in = reinterpret_cast<const unsigned char *>(box.constData());
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char *>(plain.data()),
                                   in + crypto_secretbox_NONCEBYTES,
                                   quint64(box.size() - crypto_secretbox_NONCEBYTES), in,
                                   reinterpret_cast<const unsigned char *>(m_key.constData())) != 0)
        return Error::internal(QStringLiteral("A sealed secret cannot be opened with this server "
                                              "key."));
    return plain;
}

} // namespace Cairn
