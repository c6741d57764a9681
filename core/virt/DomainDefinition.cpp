#include "DomainDefinition.h"

namespace Cairn {

namespace {

const QString MetadataNamespace = QStringLiteral("https://cairn.dev/xmlns/libvirt/addresses/1.0");

} // namespace

Result<DomainDefinition> DomainDefinition::parse(const QString &xml, const QString &field)
{
    QDomDocument document;
    QString why;
    int line = 0;
    int column = 0;
    if (!document.setContent(xml, &why, &line, &column))
        return Error::invalidField(
            field,
            QStringLiteral("Not XML (line %1, column %2): %3").arg(line).arg(column).arg(why));
    if (document.documentElement().tagName() != u"domain")
        return Error::invalidField(field, QStringLiteral("A libvirt definition is a <domain>."));
    DomainDefinition definition(document);
    if (definition.name().trimmed().isEmpty())
        return Error::invalidField(field, QStringLiteral("The <domain> has no <name>."));
    return definition;
}

QDomElement DomainDefinition::child(const QString &tag, bool create)
{
    QDomElement root = m_document.documentElement();
    QDomElement element = root.firstChildElement(tag);
    if (element.isNull() && create)
        element = root.appendChild(m_document.createElement(tag)).toElement();
    return element;
}

QString DomainDefinition::uuid() const
{
    return m_document.documentElement().firstChildElement(QStringLiteral("uuid")).text().trimmed();
}

void DomainDefinition::setUuid(const QString &uuid)
{
    QDomElement element = child(QStringLiteral("uuid"), true);
    while (element.hasChildNodes())
        element.removeChild(element.firstChild());
    element.appendChild(m_document.createTextNode(uuid));
}

QString DomainDefinition::name() const
{
    return m_document.documentElement().firstChildElement(QStringLiteral("name")).text();
}

void DomainDefinition::setName(const QString &name)
{
    QDomElement element = child(QStringLiteral("name"), true);
    while (element.hasChildNodes())
        element.removeChild(element.firstChild());
    element.appendChild(m_document.createTextNode(name));
}

QList<QDomElement> DomainDefinition::devices(const QString &tag) const
{
    QList<QDomElement> found;
    const QDomElement devices =
        m_document.documentElement().firstChildElement(QStringLiteral("devices"));
    for (QDomElement device = devices.firstChildElement(tag); !device.isNull();
         device = device.nextSiblingElement(tag))
        found << device;
    return found;
}

QStringList DomainDefinition::macs() const
{
    QStringList macs;
    for (const QDomElement &interface : devices(QStringLiteral("interface")))
        macs << interface.firstChildElement(QStringLiteral("mac"))
                    .attribute(QStringLiteral("address"));
    return macs;
}

void DomainDefinition::setMacs(const QStringList &macs)
{
    const QList<QDomElement> interfaces = devices(QStringLiteral("interface"));
    for (qsizetype index = 0; index < interfaces.size() && index < macs.size(); ++index) {
        QDomElement interface = interfaces[index];
        QDomElement mac = interface.firstChildElement(QStringLiteral("mac"));
        if (mac.isNull())
            mac = interface.insertBefore(m_document.createElement(QStringLiteral("mac")),
                                         interface.firstChild())
                      .toElement();
        mac.setAttribute(QStringLiteral("address"), macs[index]);
    }
}

QList<QDomElement> DomainDefinition::fileDisks() const
{
    QList<QDomElement> disks;
    for (const QDomElement &disk : devices(QStringLiteral("disk"))) {
        if (disk.attribute(QStringLiteral("type")) == u"file" &&
            disk.attribute(QStringLiteral("device"), QStringLiteral("disk")) == u"disk")
            disks << disk;
    }
    return disks;
}

QStringList DomainDefinition::diskFiles() const
{
    QStringList files;
    for (const QDomElement &disk : fileDisks())
        files << disk.firstChildElement(QStringLiteral("source")).attribute(QStringLiteral("file"));
    return files;
}

void DomainDefinition::setDiskFiles(const QStringList &paths)
{
    const QList<QDomElement> disks = fileDisks();
    for (qsizetype index = 0; index < disks.size() && index < paths.size(); ++index) {
        QDomElement disk = disks[index];
        QDomElement source = disk.firstChildElement(QStringLiteral("source"));
        if (source.isNull())
            source =
                disk.appendChild(m_document.createElement(QStringLiteral("source"))).toElement();
        source.setAttribute(QStringLiteral("file"), paths[index]);
    }
}

void DomainDefinition::setAddresses(const QList<std::pair<QString, QString>> &macAndIp)
{
    QDomElement metadata = child(QStringLiteral("metadata"), true);
    QDomElement addresses = metadata.firstChildElement(QStringLiteral("cairn:addresses"));
    if (!addresses.isNull())
        metadata.removeChild(addresses);
    addresses = m_document.createElementNS(MetadataNamespace, QStringLiteral("cairn:addresses"));
    for (const auto &[mac, ip] : macAndIp) {
        QDomElement address =
            m_document.createElementNS(MetadataNamespace, QStringLiteral("cairn:address"));
        address.setAttribute(QStringLiteral("mac"), mac);
        address.setAttribute(QStringLiteral("ip"), ip);
        addresses.appendChild(address);
    }
    metadata.appendChild(addresses);
}

QList<std::pair<QString, QString>> DomainDefinition::addresses() const
{
    const QDomElement metadata =
        m_document.documentElement().firstChildElement(QStringLiteral("metadata"));
    QList<std::pair<QString, QString>> found;
    for (QDomElement address = metadata.firstChildElement(QStringLiteral("cairn:addresses"))
                                   .firstChildElement(QStringLiteral("cairn:address"));
         !address.isNull(); address = address.nextSiblingElement(QStringLiteral("cairn:address")))
        found.append(
            {address.attribute(QStringLiteral("mac")), address.attribute(QStringLiteral("ip"))});
    return found;
}

void DomainDefinition::stripForPackage(const QStringList &diskNames)
{
    QDomElement root = m_document.documentElement();
    for (const QString &tag :
         {QStringLiteral("uuid"), QStringLiteral("seclabel"), QStringLiteral("metadata")}) {
        for (QDomElement element = root.firstChildElement(tag); !element.isNull();
             element = root.firstChildElement(tag))
            root.removeChild(element);
    }
    for (QDomElement interface : devices(QStringLiteral("interface"))) {
        const QDomElement mac = interface.firstChildElement(QStringLiteral("mac"));
        if (!mac.isNull())
            interface.removeChild(mac);
    }
    setDiskFiles(diskNames);
}

QString DomainDefinition::toString() const
{
    return m_document.toString(2);
}

} // namespace Cairn
