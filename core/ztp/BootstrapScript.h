#pragma once

#include <QByteArray>
#include <QString>

namespace Cairn {

// The bootstrap script as a switch receives it. $SERVER is replaced as ZTPServer does, with
// Python's string.Template.safe_substitute: ${SERVER} too, $$ becomes $, and $SERVERX is
// another name and stays.
class BootstrapScript
{
public:
    // `found` tells whether there was a $SERVER to replace.
    static QByteArray withServer(const QByteArray &script, const QString &serverUrl, bool *found);
};

} // namespace Cairn
