#include "VmFeedRss.h"

#include <QDateTime>
#include <QLocale>
#include <QUuid>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace Cairn {

namespace {

const QString CairnNamespace = QStringLiteral("https://cairn.dev/xmlns/vmfeed/1.0");
// Names a uuid derived from a guid that is not one, the same in every Cairn.
const QUuid GuidNamespace = QUuid(QStringLiteral("8f5d3c1a-9b2e-4f60-a7d4-2c1e0b9a8f73"));

QString rfc822(qint64 milliseconds)
{
    return QLocale::c().toString(QDateTime::fromMSecsSinceEpoch(milliseconds, Qt::UTC),
                                 QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
}

QString uuidOf(const QString &guid)
{
    const QUuid parsed(guid.trimmed());
    if (!parsed.isNull())
        return parsed.toString(QUuid::WithoutBraces);
    return QUuid::createUuidV5(GuidNamespace, guid.trimmed()).toString(QUuid::WithoutBraces);
}

} // namespace

QByteArray VmFeedRss::write(const QList<Package> &packages, const QUrl &base, const QString &title)
{
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.setAutoFormatting(true);
    writer.writeStartDocument();
    writer.writeNamespace(CairnNamespace, QStringLiteral("cairn"));
    writer.writeStartElement(QStringLiteral("rss"));
    writer.writeAttribute(QStringLiteral("version"), QStringLiteral("2.0"));
    writer.writeStartElement(QStringLiteral("channel"));
    writer.writeTextElement(QStringLiteral("title"), title);
    writer.writeTextElement(QStringLiteral("link"),
                            base.resolved(QUrl(QStringLiteral("/rest/vmfeed/"))).toString());
    writer.writeTextElement(QStringLiteral("description"),
                            QStringLiteral("Machine packages of this Cairn, to subscribe to."));
    for (const Package &package : packages) {
        writer.writeStartElement(QStringLiteral("item"));
        writer.writeTextElement(QStringLiteral("title"),
                                QStringLiteral("%1 %2").arg(package.name, package.version));
        writer.writeStartElement(QStringLiteral("guid"));
        writer.writeAttribute(QStringLiteral("isPermaLink"), QStringLiteral("false"));
        writer.writeCharacters(package.uuid);
        writer.writeEndElement();
        writer.writeTextElement(QStringLiteral("description"), package.description);
        writer.writeTextElement(QStringLiteral("pubDate"), rfc822(package.createdAt));
        writer.writeEmptyElement(QStringLiteral("enclosure"));
        writer.writeAttribute(
            QStringLiteral("url"),
            base.resolved(QUrl(QStringLiteral("/rest/vmfeed/%1/download/").arg(package.uuid)))
                .toString());
        writer.writeAttribute(QStringLiteral("length"), QString::number(package.size));
        writer.writeAttribute(QStringLiteral("type"), QStringLiteral("application/zip"));
        writer.writeTextElement(CairnNamespace, QStringLiteral("name"), package.name);
        writer.writeTextElement(CairnNamespace, QStringLiteral("version"), package.version);
        writer.writeTextElement(CairnNamespace, QStringLiteral("virt_class"), package.virtClass);
        writer.writeTextElement(CairnNamespace, QStringLiteral("sha1"), package.sha1);
        writer.writeEndElement();
    }
    writer.writeEndDocument();
    return xml;
}

Result<std::pair<QString, QList<FeedItem>>> VmFeedRss::parse(const QByteArray &xml,
                                                             const QUrl &feedUrl)
{
    QXmlStreamReader reader(xml);
    QString title;
    QList<FeedItem> items;
    bool isRss = false;
    std::optional<FeedItem> item;
    QString guid;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement()) {
            const QStringView name = reader.name();
            const bool ours = reader.namespaceUri() == CairnNamespace;
            if (name == u"rss" && reader.attributes().value(QStringLiteral("version")) == u"2.0") {
                isRss = true;
            } else if (name == u"item") {
                item.emplace();
                guid.clear();
            } else if (!item && name == u"title" && title.isEmpty()) {
                title = reader.readElementText();
            } else if (item && name == u"enclosure") {
                item->enclosure = feedUrl.resolved(
                    QUrl(reader.attributes().value(QStringLiteral("url")).toString()));
                item->size = reader.attributes().value(QStringLiteral("length")).toLongLong();
            } else if (item && !ours && name == u"guid") {
                guid = reader.readElementText();
            } else if (item && name == (ours ? u"name" : u"title")) {
                // Cairn's own name element comes after the title and wins.
                item->name = reader.readElementText();
            } else if (item && !ours && name == u"description") {
                item->description = reader.readElementText();
            } else if (item && ours && name == u"version") {
                item->version = reader.readElementText();
            } else if (item && ours && name == u"virt_class") {
                item->virtClass = reader.readElementText();
            } else if (item && ours && name == u"sha1") {
                item->sha1 = reader.readElementText().trimmed().toLower();
            }
        } else if (reader.isEndElement() && reader.name() == u"item" && item) {
            // An item without an archive announces nothing to download.
            if (item->enclosure.isValid() && !item->enclosure.isEmpty()) {
                item->uuid = uuidOf(guid.isEmpty() ? item->enclosure.toString() : guid);
                items << *item;
            }
            item.reset();
        }
    }
    if (reader.hasError() || !isRss)
        return Error::invalidField(
            QStringLiteral("url"),
            QStringLiteral("%1 is not an RSS 2.0 feed%2.")
                .arg(feedUrl.toString(QUrl::RemoveUserInfo),
                     reader.hasError() ? QStringLiteral(": ") + reader.errorString() : QString()));
    return std::pair(title, items);
}

} // namespace Cairn
