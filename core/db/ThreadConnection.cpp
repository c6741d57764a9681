#include "ThreadConnection.h"

namespace Cairn {

namespace {
// This thread's connections, newest first. A raw pointer has no destructor, so whichever runs
// first at thread exit, this or the connections' owners, nothing reads a destroyed list.
thread_local ThreadConnection *t_connections = nullptr;
} // namespace

ThreadConnection::ThreadConnection(QString name)
    : m_name(std::move(name))
    , m_nextOnThread(t_connections)
{
    t_connections = this;
}

ThreadConnection::~ThreadConnection()
{
    for (ThreadConnection **link = &t_connections; *link; link = &(*link)->m_nextOnThread) {
        if (*link == this) {
            *link = m_nextOnThread;
            break;
        }
    }
    // Statements go before their connection; Qt warns of, and breaks, queries left behind.
    m_statements.clear();
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

QSqlQuery *ThreadConnection::prepared(const QSqlDatabase &db, const QString &sql)
{
    const QString name = db.connectionName();
    ThreadConnection *owner = t_connections;
    while (owner && owner->m_name != name)
        owner = owner->m_nextOnThread;
    if (!owner || !db.isOpen())
        return nullptr;
    const auto kept = owner->m_statements.find(sql);
    if (kept != owner->m_statements.end())
        return &kept.value();
    if (owner->m_statements.size() >= MaxStatements)
        owner->m_statements.clear();
    QSqlQuery statement(db);
    statement.setForwardOnly(true);
    if (!statement.prepare(sql))
        return nullptr;
    return &owner->m_statements.insert(sql, statement).value();
}

} // namespace Cairn
