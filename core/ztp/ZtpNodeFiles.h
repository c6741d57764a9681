#pragma once

#include "Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Cairn {

// A node folder's files (facts, pattern, definition, startup-config, config-handler). A
// registration writes its files itself, under its node's lock and before it is answered:
// switches registering at once create their inodes on every request thread, not one after
// another on the record writer's.
namespace ZtpNodeFiles {

struct File
{
    QString name;
    QByteArray content;
    bool executable = false;
};

// Writes each file whole (by rename); the first that cannot be written ends it, logged.
Result<void> write(const QString &folder, const QList<File> &files);
Result<QByteArray> read(const QString &folder, const QString &name);
bool exists(const QString &folder, const QString &name);

} // namespace ZtpNodeFiles

} // namespace Cairn
