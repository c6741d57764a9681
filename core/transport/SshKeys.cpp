#include "SshKeys.h"

#include <libssh/libssh.h>

namespace Cairn {

bool SshKeys::canRead(const QString &privateKey, const QString &passphrase)
{
    ssh_key key = nullptr;
    const QByteArray phrase = passphrase.toUtf8();
    const int imported = ssh_pki_import_privkey_base64(
        privateKey.toUtf8().constData(), phrase.isEmpty() ? nullptr : phrase.constData(), nullptr,
        nullptr, &key);
    ssh_key_free(key);
    return imported == SSH_OK;
}

} // namespace Cairn
