#pragma once

#include <QByteArray>
#include <QString>

namespace Cairn::Test {

// A definition for the test driver's default machine (`uuid`) with one real disk file and one
// interface, as the Enomalism tests store it (the test driver's own disk is a made-up path).
inline QString testDomainWithDisk(const QByteArray &uuid, const QString &disk)
{
    return QStringLiteral("<domain type='test'><name>test</name><uuid>%1</uuid><memory>524288"
                          "</memory><vcpu>1</vcpu><os><type>hvm</type></os><devices><disk "
                          "type='file' device='disk'><source file='%2'/><target dev='hda'/>"
                          "</disk><interface type='network'><mac address='aa:bb:cc:dd:ee:ff'/>"
                          "<source network='default'/></interface></devices></domain>")
        .arg(QString::fromLatin1(uuid), disk);
}

} // namespace Cairn::Test
