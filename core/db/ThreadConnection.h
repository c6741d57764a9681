#pragma once

#include <QString>

namespace Cairn {

// Owns one thread's named QSqlDatabase connection and removes it when the thread ends.
class ThreadConnection
{
public:
    explicit ThreadConnection(QString name)
        : m_name(std::move(name))
    {
    }
    ~ThreadConnection();
    ThreadConnection(const ThreadConnection &) = delete;
    ThreadConnection &operator=(const ThreadConnection &) = delete;

    const QString &name() const { return m_name; }

private:
    QString m_name;
};

} // namespace Cairn
