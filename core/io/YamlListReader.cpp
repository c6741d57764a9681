#include "YamlListReader.h"

#include "YamlScalar.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <fstream>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

namespace Cairn {

namespace {

// Thrown from the handler to stop the parser; carries the error to return.
struct Stop
{
    Error error;
};

// Builds JSON values from the parser's events. With `each`, the document must be a list and
// each of its mappings goes to `each` as soon as it is whole; without, the document is kept.
class JsonBuilder : public YAML::EventHandler
{
public:
    JsonBuilder(QString what, const YamlListReader::Each *each)
        : m_what(std::move(what))
        , m_each(each)
    {
    }

    QJsonValue document() const { return m_document; }

    void OnDocumentStart(const YAML::Mark &) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        refuseAnchor(mark, anchor);
        add(mark, QJsonValue::Null);
    }
    void OnAlias(const YAML::Mark &mark, YAML::anchor_t) override
    {
        fail(mark, QStringLiteral("aliases (*name) are not read; write the value out."));
    }
    void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                  const std::string &value) override
    {
        refuseAnchor(mark, anchor);
        m_objectBytes += qint64(value.size());
        if (m_objectBytes > YamlListReader::MaxObjectBytes)
            fail(mark, QStringLiteral("an object is larger than %1 MiB.")
                           .arg(YamlListReader::MaxObjectBytes >> 20));
        const QString text = QString::fromStdString(value);
        // "!" marks a quoted or block scalar: a string whatever it looks like.
        add(mark, YamlScalar::read(text, tag == "!"));
    }
    void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override
    {
        refuseAnchor(mark, anchor);
        if (m_each && m_stack.size() == 1)
            fail(mark, QStringLiteral("each item must be an object."));
        open(mark, false);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override
    {
        refuseAnchor(mark, anchor);
        if (m_each && m_stack.size() == 1)
            m_objectBytes = 0;
        else if (m_each && m_stack.isEmpty())
            fail(mark, QStringLiteral("the file must be a list of objects."));
        open(mark, true);
    }
    void OnMapEnd() override { close(); }

private:
    struct Frame
    {
        bool isMap = false;
        QJsonObject object;
        QJsonArray array;
        std::optional<QString> key;
        int line = 0;
    };

    [[noreturn]] void fail(const YAML::Mark &mark, const QString &why) const
    {
        throw Stop{Error::badRequest(
            QStringLiteral("%1, line %2: %3").arg(m_what).arg(mark.line + 1).arg(why))};
    }

    void refuseAnchor(const YAML::Mark &mark, YAML::anchor_t anchor) const
    {
        if (anchor != YAML::NullAnchor)
            fail(mark, QStringLiteral("anchors (&name) are not read; write the value out."));
    }

    void open(const YAML::Mark &mark, bool isMap)
    {
        if (!m_stack.isEmpty() && m_stack.last().isMap && !m_stack.last().key)
            fail(mark, QStringLiteral("a key must be a plain value, not a list or object."));
        if (m_stack.size() >= YamlListReader::MaxDepth)
            fail(mark, QStringLiteral("nested deeper than %1.").arg(YamlListReader::MaxDepth));
        Frame frame;
        frame.isMap = isMap;
        frame.line = mark.line + 1;
        m_stack.append(std::move(frame));
    }

    void close()
    {
        Frame frame = m_stack.takeLast();
        const QJsonValue value = frame.isMap ? QJsonValue(frame.object) : QJsonValue(frame.array);
        if (m_each && m_stack.size() == 1) {
            if (!frame.isMap)
                throw Stop{
                    Error::badRequest(QStringLiteral("%1, line %2: each item must be an object.")
                                          .arg(m_what)
                                          .arg(frame.line))};
            if (Result<void> taken = (*m_each)(frame.object, frame.line); !taken)
                throw Stop{taken.error()};
            return;
        }
        addValue(frame.line, value);
    }

    void add(const YAML::Mark &mark, const QJsonValue &value)
    {
        if (m_each && m_stack.size() == 1)
            fail(mark, QStringLiteral("each item must be an object."));
        if (m_stack.isEmpty() && m_each && !value.isNull())
            fail(mark, QStringLiteral("the file must be a list of objects."));
        addValue(mark.line + 1, value);
    }

    void addValue(int line, const QJsonValue &value)
    {
        if (m_stack.isEmpty()) {
            m_document = value;
            return;
        }
        Frame &top = m_stack.last();
        if (!top.isMap) {
            top.array.append(value);
            return;
        }
        if (!top.key) {
            if (value.isArray() || value.isObject())
                fail(line, QStringLiteral("a key must be a plain value, not a list or object."));
            const QString key = value.isString() ? value.toString() : value.toVariant().toString();
            if (top.object.contains(key))
                fail(line, QStringLiteral("%1 is given twice.").arg(key));
            top.key = key;
            return;
        }
        top.object.insert(*top.key, value);
        top.key.reset();
    }

    [[noreturn]] void fail(int line, const QString &why) const
    {
        YAML::Mark mark;
        mark.line = line - 1;
        fail(mark, why);
    }

    QString m_what;
    const YamlListReader::Each *m_each;
    QList<Frame> m_stack;
    QJsonValue m_document;
    qint64 m_objectBytes = 0;
};

Result<QJsonValue> parse(const QString &path, const QString &what, const YamlListReader::Each *each)
{
    const QFileInfo info(path);
    if (!info.isFile())
        return Error::badRequest(QStringLiteral("%1 is missing.").arg(what));
    if (info.size() > YamlListReader::MaxFileBytes)
        return Error::badRequest(QStringLiteral("%1 is larger than %2 GiB.")
                                     .arg(what)
                                     .arg(YamlListReader::MaxFileBytes >> 30));
    std::ifstream stream(QFile::encodeName(path).toStdString(), std::ios::binary);
    if (!stream)
        return Error::badRequest(QStringLiteral("%1 cannot be read.").arg(what));
    JsonBuilder builder(what, each);
    try {
        YAML::Parser parser(stream);
        parser.HandleNextDocument(builder);
        if (parser.HandleNextDocument(builder))
            return Error::badRequest(QStringLiteral("%1 holds more than one document.").arg(what));
    } catch (const Stop &stop) {
        return stop.error;
    } catch (const YAML::Exception &error) {
        // The parser's message describes the syntax only; it never quotes the file.
        return Error::badRequest(QStringLiteral("%1, line %2: %3")
                                     .arg(what)
                                     .arg(error.mark.line + 1)
                                     .arg(QString::fromStdString(error.msg)));
    }
    return builder.document();
}

} // namespace

Result<void> YamlListReader::read(const QString &path, const QString &what, const Each &each)
{
    const Result<QJsonValue> document = parse(path, what, &each);
    if (!document)
        return document.error();
    return {};
}

Result<QJsonObject> YamlListReader::readObject(const QString &path, const QString &what)
{
    const Result<QJsonValue> document = parse(path, what, nullptr);
    if (!document)
        return document.error();
    if (document->isNull())
        return QJsonObject();
    if (!document->isObject())
        return Error::badRequest(QStringLiteral("%1 must be a mapping.").arg(what));
    return document->toObject();
}

} // namespace Cairn
