#pragma once

#include <QJsonObject>
#include <QString>

namespace Cairn {

// A machine image in the repository (Enomalism section 6): a manifest, the domain's stripped
// XML and its disk images, as one archive.
struct Package
{
    qint64 id = 0;
    QString uuid;
    QString name;
    QString description;
    QString version;
    QString virtClass;
    // {uuid, name, description, version, virt_class, vcpus, memory, disks: [{file, size, sha1}],
    // source_machine, created}, as written in the archive.
    QJsonObject manifest;
    // present (the archive is here) or remote (a subscribed feed lists it).
    QString state;
    // Of the archive.
    qint64 size = 0;
    QString sha1;
    // The feed it came from; empty for one built here.
    QString feedUuid;
    QString enclosureUrl;
    qint64 createdAt = 0;

    bool isPresent() const { return state == u"present"; }
    // {uuid, name, description, version, virt_class, vcpus, memory, disks, state, size, sha1,
    // feed, created}.
    QJsonObject toJson() const;
};

} // namespace Cairn
