#include "FreePort.h"

#include <QTcpServer>

namespace Cairn::Test {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace Cairn::Test
