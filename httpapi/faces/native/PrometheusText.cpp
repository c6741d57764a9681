#include "PrometheusText.h"

#include <cmath>

namespace Cairn {

namespace {

QByteArray escaped(const QByteArray &value)
{
    QByteArray out;
    out.reserve(value.size());
    for (const char c : value) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

QByteArray number(double value)
{
    if (std::isinf(value))
        return value > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
    if (value == std::floor(value) && std::fabs(value) < 1e15)
        return QByteArray::number(qint64(value));
    return QByteArray::number(value, 'g', 17);
}

} // namespace

void PrometheusText::family(const QByteArray &name, const QByteArray &type, const QByteArray &help)
{
    m_text += "# HELP " + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
}

void PrometheusText::sample(const QByteArray &name, const Labels &labels, double value)
{
    m_text += name;
    if (!labels.isEmpty()) {
        m_text += '{';
        for (qsizetype i = 0; i < labels.size(); ++i) {
            if (i > 0)
                m_text += ',';
            m_text += labels.at(i).first + "=\"" + escaped(labels.at(i).second) + '"';
        }
        m_text += '}';
    }
    m_text += ' ' + number(value) + '\n';
}

void PrometheusText::histogram(const QByteArray &name, const Labels &labels,
                               const LatencyHistogram &figures)
{
    for (std::size_t i = 0; i < LatencyHistogram::Buckets.size(); ++i)
        sample(name + "_bucket",
               labels + Labels{{"le", QByteArray::number(LatencyHistogram::Buckets[i], 'g', 6)}},
               double(figures.buckets[i]));
    sample(name + "_bucket", labels + Labels{{"le", "+Inf"}}, double(figures.count));
    sample(name + "_sum", labels, figures.seconds);
    sample(name + "_count", labels, double(figures.count));
}

} // namespace Cairn
