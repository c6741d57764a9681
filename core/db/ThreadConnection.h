#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

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

    // `sql` prepared once on `db`, this thread's connection, and kept for the next call with the
    // same text: SQLite parsing a statement cost more than running the small ones. Only for
    // callers that read the rows and finish() the statement before returning (a kept statement
    // is shared by every caller on the thread). nullptr when `db` is not a connection of this
    // thread or the statement does not prepare (the caller prepares it itself, for the error).
    static QSqlQuery *prepared(const QSqlDatabase &db, const QString &sql);

private:
    // A thread's many statements come from a few dozen texts; past this, an unusual caller
    // building texts from its input, they are dropped and prepared again.
    static constexpr qsizetype MaxStatements = 256;

    QString m_name;
    QHash<QString, QSqlQuery> m_statements;
    ThreadConnection *m_nextOnThread = nullptr;
};

} // namespace Cairn
