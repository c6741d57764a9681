#pragma once

#include "Result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Cairn {

class Database;

// Which pools each credential set is bound to, and its priority among an owner's sets.
class CredentialPoolRepository
{
public:
    struct Binding
    {
        qint64 setId = 0;
        QString setName;
        int priority = 1;
        QList<qint64> poolIds;
        // The platforms the set may be used on; empty: every platform.
        QStringList platforms;
    };

    explicit CredentialPoolRepository(Database &database)
        : m_database(database)
    {
    }

    // Every set of the owner, the highest priority first (then by name).
    Result<QList<Binding>> bindings(qint64 ownerId);
    // Replaces the set's pools and priority, in one transaction.
    Result<void> bind(qint64 setId, int priority, const QList<qint64> &poolIds);

private:
    Database &m_database;
};

} // namespace Cairn
