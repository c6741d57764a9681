#include "DomainXml.h"

#include <QJsonObject>
#include <QXmlStreamReader>

namespace Cairn {

namespace {

// Every `<element>` directly under <devices>, as the attributes of it and of its children
// (child name + '.' + attribute), e.g. {"type": "network", "source.network": "default"}.
QList<QHash<QString, QString>> devicesNamed(const QString &xml, QStringView element)
{
    QList<QHash<QString, QString>> found;
    QXmlStreamReader reader(xml);
    int depth = 0;
    int deviceDepth = -1;
    bool inDevices = false;
    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            ++depth;
            if (reader.name() == u"devices" && depth == 2)
                inDevices = true;
            else if (inDevices && depth == 3 && reader.name() == element) {
                deviceDepth = depth;
                QHash<QString, QString> attributes;
                for (const QXmlStreamAttribute &attribute : reader.attributes())
                    attributes.insert(attribute.name().toString(), attribute.value().toString());
                found << attributes;
            } else if (deviceDepth > 0 && depth == deviceDepth + 1) {
                const QString prefix = reader.name().toString() + QLatin1Char('.');
                for (const QXmlStreamAttribute &attribute : reader.attributes())
                    found.last().insert(prefix + attribute.name().toString(),
                                        attribute.value().toString());
            }
        } else if (token == QXmlStreamReader::EndElement) {
            if (depth == deviceDepth)
                deviceDepth = -1;
            if (depth == 2 && reader.name() == u"devices")
                inDevices = false;
            --depth;
        }
    }
    return found;
}

// The first attribute of `names` that is set.
QString firstOf(const QHash<QString, QString> &attributes,
                std::initializer_list<const char *> names)
{
    for (const char *name : names) {
        QString value = attributes.value(QLatin1String(name));
        if (!value.isEmpty())
            return value;
    }
    return {};
}

} // namespace

QJsonArray DomainXml::interfaces(const QString &xml)
{
    QJsonArray interfaces;
    for (const QHash<QString, QString> &nic : devicesNamed(xml, u"interface")) {
        interfaces.append(QJsonObject{
            {QStringLiteral("mac"), nic.value(QStringLiteral("mac.address"))},
            {QStringLiteral("type"), nic.value(QStringLiteral("type"))},
            {QStringLiteral("network"),
             firstOf(nic, {"source.network", "source.bridge", "source.dev"})},
            {QStringLiteral("model"), nic.value(QStringLiteral("model.type"))},
        });
    }
    return interfaces;
}

QJsonArray DomainXml::disks(const QString &xml)
{
    QJsonArray disks;
    for (const QHash<QString, QString> &disk : devicesNamed(xml, u"disk")) {
        disks.append(QJsonObject{
            {QStringLiteral("device"),
             disk.value(QStringLiteral("device"), QStringLiteral("disk"))},
            {QStringLiteral("type"), disk.value(QStringLiteral("type"))},
            {QStringLiteral("target"), disk.value(QStringLiteral("target.dev"))},
            {QStringLiteral("source"),
             firstOf(disk, {"source.file", "source.dev", "source.volume", "source.name"})},
        });
    }
    return disks;
}

} // namespace Cairn
