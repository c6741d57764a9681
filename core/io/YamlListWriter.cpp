#include "YamlListWriter.h"

#include "YamlScalar.h"

#include <QJsonArray>
#include <QSaveFile>
#include <cmath>
#include <yaml-cpp/yaml.h>

namespace Cairn {

namespace {

// A literal block ("|") keeps the text as it is only when it ends with exactly one newline, each
// line ends without blanks, there is nothing but printable text and tabs inside lines, and the
// first line does not start with a space; other text is written double-quoted.
bool fitsLiteralBlock(const QString &text)
{
    if (!text.endsWith(QLatin1Char('\n')) || text.endsWith(QLatin1String("\n\n")) ||
        text.startsWith(QLatin1Char(' ')) || text.startsWith(QLatin1Char('\n')))
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'\n') {
            if (i > 0 && (text.at(i - 1) == u' ' || text.at(i - 1) == u'\t'))
                return false;
            continue;
        }
        if (c.category() == QChar::Other_Control && c != u'\t')
            return false;
    }
    return true;
}

void emitString(YAML::Emitter &out, const QString &text)
{
    if (fitsLiteralBlock(text))
        out << YAML::Literal;
    else if (!YamlScalar::readsBackPlain(text))
        out << YAML::DoubleQuoted;
    out << text.toStdString();
}

void emitValue(YAML::Emitter &out, const QJsonValue &value, const QStringList &leading);

void emitObject(YAML::Emitter &out, const QJsonObject &object, const QStringList &leading)
{
    out << YAML::BeginMap;
    QStringList keys;
    for (const QString &key : leading) {
        if (object.contains(key))
            keys.append(key);
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!leading.contains(it.key()))
            keys.append(it.key());
    }
    for (const QString &key : keys) {
        out << YAML::Key;
        emitString(out, key);
        out << YAML::Value;
        emitValue(out, object.value(key), {});
    }
    out << YAML::EndMap;
}

void emitValue(YAML::Emitter &out, const QJsonValue &value, const QStringList &leading)
{
    switch (value.type()) {
    case QJsonValue::Object:
        if (value.toObject().isEmpty())
            out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
        else
            emitObject(out, value.toObject(), leading);
        break;
    case QJsonValue::Array:
        // An empty list on the key's line ("tags: []"), as people write it.
        if (value.toArray().isEmpty())
            out << YAML::Flow;
        out << YAML::BeginSeq;
        for (const QJsonValue item : value.toArray())
            emitValue(out, item, leading);
        out << YAML::EndSeq;
        break;
    case QJsonValue::String:
        emitString(out, value.toString());
        break;
    case QJsonValue::Bool:
        out << value.toBool();
        break;
    case QJsonValue::Double: {
        const double number = value.toDouble();
        // Whole numbers JSON holds exactly (below 2^53) as integers; the others with a '.',
        // which YAML 1.1 readers (PyYAML, ours) need to read a float back as one.
        if (std::abs(number) < 9.0e15 && number == std::trunc(number)) {
            out << qint64(number);
        } else {
            QString text = QString::number(number, 'g', 17);
            if (!text.contains(QLatin1Char('.'))) {
                const qsizetype exponent = text.indexOf(QLatin1Char('e'));
                text.insert(exponent < 0 ? text.size() : exponent, QStringLiteral(".0"));
            }
            out << text.toStdString();
        }
        break;
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out << YAML::Null;
        break;
    }
}

// One object as an item of a list: the items of a file written one after the other make one
// list, and only one object is ever held as text.
Result<void> append(QSaveFile &file, const QJsonObject &object, const QStringList &leading)
{
    YAML::Emitter out;
    out.SetIndent(2);
    out << YAML::BeginSeq;
    emitObject(out, object, leading);
    out << YAML::EndSeq;
    if (!out.good())
        return Error::internal(QStringLiteral("A YAML file could not be written: %1")
                                   .arg(QString::fromStdString(out.GetLastError())));
    if (file.write(out.c_str(), qint64(out.size())) < 0 || file.write("\n", 1) != 1)
        return Error::internal(QStringLiteral("A YAML file could not be written."));
    return {};
}

} // namespace

Result<void> YamlListWriter::write(const QString &path, const QList<QJsonObject> &objects,
                                   const QStringList &leading)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::internal(QStringLiteral("A YAML file could not be written."));
    if (objects.isEmpty())
        file.write("[]\n");
    for (const QJsonObject &object : objects) {
        if (Result<void> appended = append(file, object, leading); !appended)
            return appended;
    }
    if (!file.commit())
        return Error::internal(QStringLiteral("A YAML file could not be written."));
    return {};
}

Result<void> YamlListWriter::writeObject(const QString &path, const QJsonObject &object)
{
    YAML::Emitter out;
    out.SetIndent(2);
    emitObject(out, object, {});
    QSaveFile file(path);
    if (!out.good() || !file.open(QIODevice::WriteOnly) ||
        file.write(out.c_str(), qint64(out.size())) < 0 || file.write("\n", 1) != 1 ||
        !file.commit())
        return Error::internal(QStringLiteral("A YAML file could not be written."));
    return {};
}

} // namespace Cairn
