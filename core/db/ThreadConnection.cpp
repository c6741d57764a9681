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
    ++s_open;
}

int ThreadConnection::openCount()
{
    return s_open.load();
}

ThreadConnection::~ThreadConnection()
{
    --s_open;
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

ThreadConnection *ThreadConnection::ownerOf(const QSqlDatabase &db)
{
    const QString name = db.connectionName();
    ThreadConnection *owner = t_connections;
    while (owner && owner->m_name != name)
        owner = owner->m_nextOnThread;
    return owner;
}

QSqlQuery *ThreadConnection::prepared(const QSqlDatabase &db, const QString &sql, qsizetype values)
{
    ThreadConnection *owner = ownerOf(db);
    if (!owner || !db.isOpen() || sql.size() > MaxKeptLength)
        return nullptr;
    const auto kept = owner->m_statements.find(sql);
    if (kept != owner->m_statements.end())
        return kept->second.values == values ? &kept->second.statement : nullptr;
    if (qsizetype(owner->m_statements.size()) >= MaxStatements)
        owner->m_statements.clear();
    QSqlQuery statement(db);
    statement.setForwardOnly(true);
    if (!statement.prepare(sql))
        return nullptr;
    return &owner->m_statements.emplace(sql, Kept{std::move(statement), values})
                .first->second.statement;
}

void ThreadConnection::forget(const QSqlDatabase &db, const QString &sql)
{
    if (ThreadConnection *owner = ownerOf(db))
        owner->m_statements.erase(sql);
}

} // namespace Cairn
