#pragma once

#include <QObject>

class QSocketNotifier;

namespace Cairn {

// Turns SIGINT and SIGTERM into a Qt signal on the main thread (through a self-pipe, the
// only thing a POSIX signal handler may safely do), so the server stops gracefully.
class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void stopRequested(int signalNumber);

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Cairn
