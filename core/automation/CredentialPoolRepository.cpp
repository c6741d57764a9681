#include "CredentialPoolRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"
#include "db/Transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace Cairn {

Result<QList<CredentialPoolRepository::Binding>> CredentialPoolRepository::bindings(qint64 ownerId)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT s.id, s.name, s.priority, p.pool_id, s.platforms FROM "
                       "toolkit_credential_sets s "
                       "LEFT JOIN credential_set_pools p ON p.credential_set_id = s.id WHERE "
                       "s.owner_id = ? ORDER BY s.priority DESC, s.name, s.id, p.pool_id"),
        {ownerId});
    if (!query)
        return query.error();
    QList<Binding> bindings;
    while (query->next()) {
        const qint64 setId = query->value(0).toLongLong();
        if (bindings.isEmpty() || bindings.last().setId != setId) {
            QStringList platforms;
            for (const QJsonValue platform :
                 QJsonDocument::fromJson(query->value(4).toString().toUtf8()).array())
                platforms << platform.toString();
            bindings.append(
                {setId, query->value(1).toString(), query->value(2).toInt(), {}, platforms});
        }
        if (!query->value(3).isNull())
            bindings.last().poolIds << query->value(3).toLongLong();
    }
    return bindings;
}

Result<void> CredentialPoolRepository::bind(qint64 setId, int priority,
                                            const QList<qint64> &poolIds)
{
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
        Result<void> done = SqlQuery::exec(
            db, QStringLiteral("UPDATE toolkit_credential_sets SET priority = ? WHERE id = ?"),
            {priority, setId});
        if (!done)
            return done;
        done = SqlQuery::exec(
            db, QStringLiteral("DELETE FROM credential_set_pools WHERE credential_set_id = ?"),
            {setId});
        for (const qint64 poolId : poolIds) {
            if (!done)
                return done;
            done = SqlQuery::exec(db,
                                  QStringLiteral("INSERT INTO credential_set_pools "
                                                 "(credential_set_id, pool_id) VALUES (?, ?) ON "
                                                 "CONFLICT DO NOTHING"),
                                  {setId, poolId});
        }
        return done;
    });
}

} // namespace Cairn
