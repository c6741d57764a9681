#pragma once

#include <QProcess>

namespace Cairn::Test {

// The id of a process that has surely ended: a child that exited and was reaped. 0 when no
// child could start.
inline qint64 exitedProcessId()
{
    QProcess child;
    child.start(QStringLiteral("true"), {});
    if (!child.waitForStarted(5000))
        return 0;
    const qint64 pid = child.processId();
    child.waitForFinished(5000);
    return pid;
}

} // namespace Cairn::Test
