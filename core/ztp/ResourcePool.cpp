#include "ResourcePool.h"

#include "ZtpDataRoot.h"

#include <QMutex>
#include <yaml-cpp/yaml.h>

namespace Cairn {

namespace {

bool isFree(const YAML::Node &owner)
{
    if (!owner || owner.IsNull())
        return true;
    if (!owner.IsScalar())
        return false;
    const std::string &value = owner.Scalar();
    return value.empty() || value == "0" || value == "false" || value == "False" || value == "~";
}

} // namespace

Result<QString> ResourcePool::allocate(const QString &poolPath, const QString &nodeId)
{
    static QMutex lock;
    const QMutexLocker locker(&lock);
    Result<QByteArray> text = ZtpDataRoot::read(poolPath);
    if (!text)
        return Error::badRequest(QStringLiteral("No resource pool %1.").arg(poolPath));
    YAML::Node pool;
    try {
        pool = YAML::Load(text->toStdString());
    } catch (const YAML::Exception &error) {
        return Error::badRequest(QStringLiteral("Resource pool %1 does not parse: %2")
                                     .arg(poolPath, QString::fromStdString(error.what())));
    }
    if (!pool.IsMap() || pool.size() == 0)
        return Error::badRequest(
            QStringLiteral("Resource pool %1 must map values to owners.").arg(poolPath));
    const std::string owner = nodeId.toStdString();
    std::optional<std::string> firstFree;
    for (const auto &entry : pool) {
        if (entry.second.IsScalar() && entry.second.Scalar() == owner)
            return QString::fromStdString(entry.first.Scalar());
        if (!firstFree && isFree(entry.second))
            firstFree = entry.first.Scalar();
    }
    if (!firstFree)
        return Error::badRequest(
            QStringLiteral("Resource pool %1 has no free value.").arg(poolPath));
    pool[*firstFree] = owner;
    YAML::Emitter emitter;
    emitter << pool;
    Result<void> written = ZtpDataRoot::write(poolPath, QByteArray(emitter.c_str()) + '\n');
    if (!written)
        return written.error();
    return QString::fromStdString(*firstFree);
}

} // namespace Cairn
