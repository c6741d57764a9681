#include "KnownHostListing.h"

#include "db/Database.h"
#include "db/SqlQuery.h"

#include <QSqlQuery>
#include <QVariant>

namespace Cairn {

Result<QList<KnownHostEntry>> listKnownHosts(Database &database)
{
    Result<QSqlQuery> query = SqlQuery::run(
        database.connection(),
        QStringLiteral("SELECT host, port, key_type, fingerprint, first_seen FROM known_hosts "
                       "ORDER BY host, port"));
    if (!query)
        return query.error();
    QList<KnownHostEntry> entries;
    while (query->next())
        entries << KnownHostEntry{query->value(0).toString(), query->value(1).toInt(),
                                  query->value(2).toString(), query->value(3).toString(),
                                  query->value(4).toLongLong()};
    return entries;
}

} // namespace Cairn
