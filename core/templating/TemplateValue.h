#pragma once

#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <memory>

namespace Cairn {

// A value inside a template, with Python's types as Jinja2 sees them: none, booleans, integers
// apart from floats (3 prints "3", 3.0 prints "3.0"), text, lists and mappings that keep their
// keys in insertion order. An undefined value remembers the expression that named it, so that
// using it fails with that name instead of printing an empty string (one without a name, from a
// conditional expression without else, prints nothing, as in Jinja).
class TemplateValue
{
public:
    enum class Type
    {
        Undefined,
        None,
        Bool,
        Integer,
        Float,
        String,
        List,
        Mapping
    };

    struct Mapping
    {
        QStringList keys;
        QHash<QString, TemplateValue> values;
    };

    // The longest text one value may print as; the most items (nested ones counted, however
    // shared) and levels one value may hold.
    static constexpr qsizetype MaxText = 4 * 1024 * 1024;
    static constexpr qint64 MaxWeight = 1000 * 1000;
    static constexpr int MaxDepth = 100;

    TemplateValue() = default;
    static TemplateValue undefined(const QString &name);
    static TemplateValue none();
    static TemplateValue boolean(bool value);
    static TemplateValue integer(qint64 value);
    static TemplateValue number(double value);
    static TemplateValue string(const QString &value);
    static TemplateValue list(QList<TemplateValue> items);
    // A list that prints as Python's tuple, "(1, 2)": what items() and dictsort give.
    static TemplateValue tuple(QList<TemplateValue> items);
    static TemplateValue mapping(Mapping entries);
    static TemplateValue fromJson(const QJsonValue &json);

    Type type() const { return m_type; }
    bool isUndefined() const { return m_type == Type::Undefined; }
    bool isNumber() const { return m_type == Type::Integer || m_type == Type::Float; }
    // Booleans count as integers, as in Python.
    bool isIntegral() const { return m_type == Type::Integer || m_type == Type::Bool; }

    bool toBool() const { return m_bool; }
    qint64 toInteger() const { return m_type == Type::Bool ? qint64(m_bool) : m_integer; }
    double toDouble() const;
    // The text of a String, or an Undefined's name.
    const QString &text() const { return m_text; }
    const QList<TemplateValue> &items() const;
    const Mapping &entries() const;

    // Python's truth: none, false, 0, 0.0, "", [] and {} are false.
    bool truthy() const;
    // Python's str(): what {{ value }} prints. Throws TemplateFailure past MaxText.
    QString toText() const;
    // Python's repr(): how values print inside lists and mappings. Throws past MaxText.
    QString repr() const;
    // Items inside, nested ones included, counted as often as they appear; levels of nesting.
    qint64 weight() const { return m_weight; }
    int depth() const { return m_depth; }
    // Python's ==: 1 == 1.0 == True, lists and mappings element by element.
    bool equals(const TemplateValue &other) const;
    QJsonValue toJson() const;
    // Python's type name, for errors ("cannot add int and str").
    QString typeName() const;

private:
    void appendRepr(QString &out) const;

    Type m_type = Type::Undefined;
    bool m_bool = false;
    bool m_tuple = false;
    qint64 m_integer = 0;
    double m_float = 0;
    QString m_text;
    qint64 m_weight = 1;
    int m_depth = 0;
    std::shared_ptr<const QList<TemplateValue>> m_list;
    std::shared_ptr<const Mapping> m_mapping;
};

} // namespace Cairn
