#pragma once

#include "Result.h"

#include <QDomDocument>
#include <QList>
#include <QString>

namespace Cairn {

// A libvirt domain definition to check and change before it is defined: what store_xml,
// package and provision do to a machine's XML.
class DomainDefinition
{
public:
    // Well-formed XML with a <domain> root and a name; errors name `field` with the line.
    static Result<DomainDefinition> parse(const QString &xml, const QString &field);

    QString uuid() const;
    void setUuid(const QString &uuid);
    QString name() const;
    void setName(const QString &name);
    // The <mac address> of each <interface>, in order; an interface without one gets one.
    QStringList macs() const;
    void setMacs(const QStringList &macs);
    // The local file behind each file-backed disk (<disk type='file' device='disk'>), in order.
    QStringList diskFiles() const;
    void setDiskFiles(const QStringList &paths);
    // Records the addresses Cairn leased to the machine under <metadata>, for guest agents and
    // operators: the domain's own record of them.
    void setAddresses(const QList<std::pair<QString, QString>> &macAndIp);
    // The (mac, ip) pairs setAddresses recorded; empty when there are none.
    QList<std::pair<QString, QString>> addresses() const;
    // What a package keeps: no uuid, no MAC, no security label, and its disks' files under
    // the names they have in the package rather than their host paths.
    void stripForPackage(const QStringList &diskNames);

    QString toString() const;
    // The <domain> element, for checks that read the whole definition (DomainPolicy).
    QDomElement root() const { return m_document.documentElement(); }

private:
    // QDomDocument is implicitly shared: this keeps the parsed tree, it does not copy it.
    explicit DomainDefinition(const QDomDocument &document)
        : m_document(document)
    {
    }

    QList<QDomElement> devices(const QString &tag) const;
    QList<QDomElement> fileDisks() const;
    QDomElement child(const QString &tag, bool create);

    QDomDocument m_document;
};

} // namespace Cairn
