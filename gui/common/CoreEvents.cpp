#include "CoreEvents.h"

#include "CoreServices.h"

#include <QSqlDriver>

namespace Cairn {

namespace {

constexpr int DefaultPollMilliseconds = 1000;

} // namespace

CoreEvents::CoreEvents(CoreServices &core, QObject *parent)
    : QObject(parent)
    , m_core(core)
{
    const Result<qint64> version = m_core.changes().version();
    m_version = version ? version.value() : -1;
    connect(&m_poll, &QTimer::timeout, this, &CoreEvents::checkNow);
    m_poll.start(DefaultPollMilliseconds);
    // On PostgreSQL writers notify at commit, so the window follows at once; polling stays, for
    // a notification lost with a dropped connection.
    if (!m_core.database().isSqlite()) {
        QSqlDriver *driver = m_core.database().connection().driver();
        if (driver->hasFeature(QSqlDriver::EventNotifications) &&
            driver->subscribeToNotification(QString::fromLatin1(ChangeLog::NotifyChannel)))
            connect(driver, &QSqlDriver::notification, this, &CoreEvents::checkNow);
    }
    // Jobs report from worker threads; the queued connection brings them here.
    connect(&m_core.jobs(), &JobManager::jobChanged, this, &CoreEvents::jobChanged,
            Qt::QueuedConnection);
}

void CoreEvents::setPollInterval(int milliseconds)
{
    m_poll.start(milliseconds);
}

void CoreEvents::checkNow()
{
    const Result<qint64> version = m_core.changes().version();
    // An unreachable database is reported by the views that read it, not here.
    if (!version || version.value() == m_version)
        return;
    m_version = version.value();
    Q_EMIT inventoryChanged();
}

} // namespace Cairn
