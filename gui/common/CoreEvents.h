#pragma once

#include <QObject>
#include <QTimer>

namespace Cairn {

class CoreServices;

// What changed in the core, on the GUI thread. Another process (the server, another GUI, a
// `cairn` command) may write the same database, so the inventory is watched by its change
// counter, which every recorded change moves, rather than by signals of this process: read
// when PostgreSQL notifies a commit that moved it, and on a timer in any case.
class CoreEvents : public QObject
{
    Q_OBJECT

public:
    explicit CoreEvents(CoreServices &core, QObject *parent = nullptr);

    // How often the change counter is read; one small query each time.
    void setPollInterval(int milliseconds);

public Q_SLOTS:
    // Looks at once (after the window's own writes, so views follow without waiting).
    void checkNow();

Q_SIGNALS:
    void inventoryChanged();
    void jobChanged(qint64 jobId);

private:
    CoreServices &m_core;
    QTimer m_poll;
    qint64 m_version = -1;
};

} // namespace Cairn
