#pragma once

#include "Result.h"

#include <QDeadlineTimer>
#include <QJsonObject>
#include <QJsonValue>

namespace Cairn {

class ZtpDataRoot;

// The function values of a definition's attributes, `name('argument')`, for one node:
// allocate('pool') is Cairn's own (ResourcePool); any other name runs the data_root's
// plugins/<name> with python3 under ZTPServer's contract — main(node_id, argument, node)
// returns the value — where `node` is the node's facts as a dict. A plugin gets 10 s and no
// shell; a missing plugin or a failure is an error, as in ZTPServer.
class ResourceFunctions
{
public:
    ResourceFunctions(const ZtpDataRoot &root, QString nodeId, QJsonObject facts);

    // `value` with every function string in it (in objects and lists, at any depth) replaced.
    Result<QJsonValue> resolve(const QJsonValue &value) const;

private:
    Result<QJsonValue> call(const QString &name, const QString &argument) const;
    Result<QJsonValue> runPlugin(const QString &name, const QString &path,
                                 const QString &argument) const;

    const ZtpDataRoot &m_root;
    QString m_nodeId;
    QJsonObject m_facts;
    // Shared by every plugin call of one definition.
    QDeadlineTimer m_deadline;
};

} // namespace Cairn
