#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <atomic>
#include <unordered_map>

namespace Cairn {

// Owns one thread's named QSqlDatabase connection and removes it when the thread ends, with the
// statements prepared on it.
class ThreadConnection
{
public:
    explicit ThreadConnection(QString name);
    ~ThreadConnection();
    ThreadConnection(const ThreadConnection &) = delete;
    ThreadConnection &operator=(const ThreadConnection &) = delete;

    const QString &name() const { return m_name; }
    // Connections open in this process, over every thread and database.
    static int openCount();

    // `sql` prepared once on `db`, this thread's connection, and kept for the next call with the
    // same text: SQLite parsing a statement cost more than running the small ones. Only for
    // callers that read the rows and finish() the statement before returning (a kept statement
    // is shared by every caller on the thread). nullptr when `db` is not a connection of this
    // thread or the statement does not prepare (the caller prepares it itself, for the error).
    // Also nullptr for a long text (built from a request, as a filter of many terms: keeping
    // those would let clients fill the memory) and when `values` is not the number the
    // statement was prepared with (a fresh statement reports the mismatch).
    static QSqlQuery *prepared(const QSqlDatabase &db, const QString &sql, qsizetype values);
    // Drops the kept statement of `sql`: after a failure it may no longer run (SQLite finalises
    // a statement whose values did not bind; a PostgreSQL session may have lost it).
    static void forget(const QSqlDatabase &db, const QString &sql);

private:
    static constexpr qsizetype MaxKeptLength = 2048;
    // A thread's statements come from a few dozen texts; past this they are dropped and
    // prepared again.
    static constexpr qsizetype MaxStatements = 256;

    struct Kept
    {
        QSqlQuery statement;
        qsizetype values = 0;
    };

    static ThreadConnection *ownerOf(const QSqlDatabase &db);

    static inline std::atomic<int> s_open{0};

    QString m_name;
    // QSqlQuery moves but does not copy, as QHash would need.
    std::unordered_map<QString, Kept> m_statements;
    ThreadConnection *m_nextOnThread = nullptr;
};

} // namespace Cairn
