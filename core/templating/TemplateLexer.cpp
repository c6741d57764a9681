#include "TemplateLexer.h"

#include "TemplateFailure.h"

#include <QRegularExpression>

namespace Cairn {

namespace {

using Kind = TemplateToken::Kind;

class Scanner
{
public:
    explicit Scanner(QString source)
        : m_source(std::move(source))
    {
    }

    QList<TemplateToken> run()
    {
        while (m_pos < m_source.size()) {
            const qsizetype start = nextTag();
            QString text = m_source.mid(m_pos, start - m_pos);
            const bool stripBefore = start + 2 < m_source.size() && m_source.at(start + 2) == u'-';
            if (m_stripNext)
                text = stripStart(text);
            if (stripBefore)
                text = stripEnd(text);
            m_stripNext = false;
            addText(text);
            advanceTo(start);
            if (start >= m_source.size())
                break;
            const QChar opener = m_source.at(start + 1);
            if (opener == u'#')
                skipComment();
            else if (opener == u'%' && readRaw())
                continue;
            else
                readTag(opener == u'%' ? Kind::BlockBegin : Kind::VariableBegin);
        }
        m_tokens << TemplateToken{Kind::End, {}, 0, 0, m_line};
        return m_tokens;
    }

private:
    [[noreturn]] void fail(const QString &message) const { throw TemplateFailure{m_line, message}; }

    qsizetype nextTag() const
    {
        qsizetype at = m_pos;
        while ((at = m_source.indexOf(u'{', at)) >= 0 && at + 1 < m_source.size()) {
            const QChar next = m_source.at(at + 1);
            if (next == u'{' || next == u'%' || next == u'#')
                return at;
            ++at;
        }
        return m_source.size();
    }

    static QString stripStart(const QString &text)
    {
        qsizetype i = 0;
        while (i < text.size() && text.at(i).isSpace())
            ++i;
        return text.mid(i);
    }

    static QString stripEnd(const QString &text)
    {
        qsizetype i = text.size();
        while (i > 0 && text.at(i - 1).isSpace())
            --i;
        return text.left(i);
    }

    void addText(const QString &text)
    {
        if (!text.isEmpty())
            m_tokens << TemplateToken{Kind::Text, text, 0, 0, m_line};
    }

    void advanceTo(qsizetype position)
    {
        m_line += int(QStringView(m_source).mid(m_pos, position - m_pos).count(u'\n'));
        m_pos = position;
    }

    void skipComment()
    {
        const qsizetype close = m_source.indexOf(QLatin1String("#}"), m_pos + 2);
        if (close < 0)
            fail(QStringLiteral("Missing end of comment tag."));
        m_stripNext = m_source.at(close - 1) == u'-' && close - 1 > m_pos + 1;
        advanceTo(close + 2);
    }

    // {% raw %}...{% endraw %}: the text between is output as it is.
    bool readRaw()
    {
        static const QRegularExpression Open(QStringLiteral("\\G\\{%([-+]?)\\s*raw\\s*(-?)%\\}"));
        static const QRegularExpression Close(QStringLiteral("\\{%([-+]?)\\s*endraw\\s*(-?)%\\}"));
        const QRegularExpressionMatch open = Open.match(m_source, m_pos);
        if (!open.hasMatch())
            return false;
        const QRegularExpressionMatch close = Close.match(m_source, open.capturedEnd());
        if (!close.hasMatch())
            fail(QStringLiteral("Missing end of raw directive."));
        QString text = m_source.mid(open.capturedEnd(), close.capturedStart() - open.capturedEnd());
        if (!open.captured(2).isEmpty())
            text = stripStart(text);
        if (close.captured(1) == u"-")
            text = stripEnd(text);
        advanceTo(open.capturedEnd());
        addText(text);
        advanceTo(close.capturedEnd());
        m_stripNext = !close.captured(2).isEmpty();
        return true;
    }

    void readTag(Kind begin)
    {
        const bool block = begin == Kind::BlockBegin;
        m_tokens << TemplateToken{begin, {}, 0, 0, m_line};
        m_pos += 2;
        if (m_pos < m_source.size() && (m_source.at(m_pos) == u'-' || m_source.at(m_pos) == u'+'))
            ++m_pos;
        const QLatin1String close = block ? QLatin1String("%}") : QLatin1String("}}");
        int depth = 0;
        for (;;) {
            while (m_pos < m_source.size() && m_source.at(m_pos).isSpace())
                advanceTo(m_pos + 1);
            if (m_pos >= m_source.size())
                fail(block ? QStringLiteral("Unexpected end of template: a {% tag is not closed.")
                           : QStringLiteral("Unexpected end of template: a {{ is not closed."));
            const QStringView rest = QStringView(m_source).mid(m_pos);
            if (depth == 0 && (rest.startsWith(close) ||
                               (rest.startsWith(u'-') && rest.mid(1).startsWith(close)))) {
                m_stripNext = rest.startsWith(u'-');
                m_tokens << TemplateToken{
                    block ? Kind::BlockEnd : Kind::VariableEnd, {}, 0, 0, m_line};
                m_pos += m_stripNext ? 3 : 2;
                return;
            }
            // Names and numbers are ASCII, as in Jinja's default lexer: QChar's isLetter() and
            // isDigit() would take letters and digits the patterns below do not.
            const char16_t c = rest.at(0).unicode();
            if ((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_')
                readName();
            else if (c >= u'0' && c <= u'9')
                readNumber();
            else if (c == u'\'' || c == u'"')
                readString(QChar(c));
            else
                depth += readOperator(rest);
            if (depth < 0)
                fail(QStringLiteral("Unexpected '%1'.").arg(m_tokens.last().text));
        }
    }

    void readName()
    {
        static const QRegularExpression Name(QStringLiteral("\\G[A-Za-z_][A-Za-z0-9_]*"));
        const QRegularExpressionMatch match = Name.match(m_source, m_pos);
        m_tokens << TemplateToken{Kind::Name, match.captured(), 0, 0, m_line};
        m_pos = match.capturedEnd();
    }

    void readNumber()
    {
        static const QRegularExpression Number(
            QStringLiteral("\\G(\\d(?:_?\\d)*)(\\.\\d(?:_?\\d)*)?([eE][+-]?\\d(?:_?\\d)*)?"));
        const QRegularExpressionMatch match = Number.match(m_source, m_pos);
        const QString text = match.captured().remove(u'_');
        TemplateToken token{Kind::Integer, text, 0, 0, m_line};
        bool ok = false;
        if (match.captured(2).isEmpty() && match.captured(3).isEmpty()) {
            token.integer = text.toLongLong(&ok);
            if (!ok)
                fail(QStringLiteral("The number %1 is too large.").arg(text));
        } else {
            token.kind = Kind::Float;
            token.number = text.toDouble(&ok);
        }
        m_tokens << token;
        m_pos = match.capturedEnd();
    }

    // A string literal with Python's escapes; an unknown escape keeps its backslash.
    void readString(QChar quote)
    {
        QString value;
        qsizetype at = m_pos + 1;
        const int line = m_line;
        for (;;) {
            if (at >= m_source.size())
                fail(QStringLiteral("A string is not closed."));
            const QChar c = m_source.at(at);
            if (c == quote)
                break;
            if (c != u'\\' || at + 1 >= m_source.size()) {
                value += c;
                ++at;
                continue;
            }
            const QChar escaped = m_source.at(at + 1);
            at += 2;
            switch (escaped.unicode()) {
            case u'n':
                value += u'\n';
                break;
            case u't':
                value += u'\t';
                break;
            case u'r':
                value += u'\r';
                break;
            case u'\\':
            case u'\'':
            case u'"':
                value += escaped;
                break;
            case u'\n':
                break;
            case u'x':
            case u'u': {
                const int digits = escaped == u'x' ? 2 : 4;
                bool ok = false;
                const uint code = m_source.mid(at, digits).toUInt(&ok, 16);
                if (!ok || m_source.mid(at, digits).size() != digits)
                    fail(QStringLiteral("A string holds a broken \\%1 escape.").arg(escaped));
                value += QChar(char16_t(code));
                at += digits;
                break;
            }
            default:
                value += u'\\';
                value += escaped;
            }
        }
        advanceTo(at + 1);
        m_tokens << TemplateToken{Kind::String, value, 0, 0, line};
    }

    // The operator at the start of `rest`; returns how it changes the bracket depth.
    int readOperator(QStringView rest)
    {
        static const QStringList Long{QStringLiteral("//"), QStringLiteral("**"),
                                      QStringLiteral("=="), QStringLiteral("!="),
                                      QStringLiteral("<="), QStringLiteral(">=")};
        static const QString Short = QStringLiteral("+-*/%~<>=()[]{},.:|");
        for (const QString &op : Long) {
            if (rest.startsWith(op)) {
                m_tokens << TemplateToken{Kind::Operator, op, 0, 0, m_line};
                m_pos += 2;
                return 0;
            }
        }
        const QChar c = rest.at(0);
        if (!Short.contains(c))
            fail(QStringLiteral("Unexpected character '%1'.").arg(c));
        m_tokens << TemplateToken{Kind::Operator, QString(c), 0, 0, m_line};
        ++m_pos;
        if (c == u'(' || c == u'[' || c == u'{')
            return 1;
        if (c == u')' || c == u']' || c == u'}')
            return -1;
        return 0;
    }

    QString m_source;
    qsizetype m_pos = 0;
    int m_line = 1;
    bool m_stripNext = false;
    QList<TemplateToken> m_tokens;
};

} // namespace

QList<TemplateToken> TemplateLexer::tokenize(const QString &source)
{
    QString text = source;
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    text.replace(u'\r', u'\n');
    if (text.endsWith(u'\n'))
        text.chop(1);
    return Scanner(std::move(text)).run();
}

} // namespace Cairn
