#pragma once

#include "Result.h"

#include <QSslConfiguration>
#include <QString>

namespace Cairn {

// The API listener's TLS: a certificate chain and its private key, both PEM files an operator
// names in the config ([http] certificate, [http] key).
class ServerTls
{
public:
    // The server side of TLS 1.2 or later with this chain (leaf first) and key. Errors name the
    // setting and never quote the files.
    static Result<QSslConfiguration> load(const QString &certificatePath, const QString &keyPath);
};

} // namespace Cairn
