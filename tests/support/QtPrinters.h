#pragma once

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <ostream>

// Readable gtest failure messages for Qt strings (found by argument-dependent lookup).
inline void PrintTo(const QString &text, std::ostream *out)
{
    *out << '"' << text.toStdString() << '"';
}

inline void PrintTo(const QStringList &texts, std::ostream *out)
{
    *out << '[' << texts.join(QStringLiteral(", ")).toStdString() << ']';
}

// JSON in failure messages (`<< object`): gtest streams it; found by argument-dependent lookup.
inline std::ostream &operator<<(std::ostream &out, const QJsonValue &value)
{
    const QJsonDocument document =
        value.isObject() ? QJsonDocument(value.toObject()) : QJsonDocument(value.toArray());
    return out << (value.isObject() || value.isArray()
                       ? document.toJson(QJsonDocument::Compact).toStdString()
                       : value.toVariant().toString().toStdString());
}

inline std::ostream &operator<<(std::ostream &out, const QJsonObject &object)
{
    return out << QJsonValue(object);
}
