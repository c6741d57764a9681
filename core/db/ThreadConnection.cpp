#include "ThreadConnection.h"

#include <QSqlDatabase>

namespace Cairn {

ThreadConnection::~ThreadConnection()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

} // namespace Cairn
