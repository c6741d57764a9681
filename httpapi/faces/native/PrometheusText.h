#pragma once

#include "LatencyHistogram.h"

#include <QByteArray>
#include <QList>
#include <QPair>

namespace Cairn {

// The Prometheus text exposition format (version 0.0.4): families with their HELP and TYPE,
// then their samples. Label values are escaped as the format says; names are the caller's
// constants.
class PrometheusText
{
public:
    using Labels = QList<QPair<QByteArray, QByteArray>>;

    void family(const QByteArray &name, const QByteArray &type, const QByteArray &help);
    void sample(const QByteArray &name, const Labels &labels, double value);
    // A histogram's samples (`name`_bucket with each bound, _sum, _count) under `labels`.
    void histogram(const QByteArray &name, const Labels &labels, const LatencyHistogram &figures);
    const QByteArray &text() const { return m_text; }

private:
    QByteArray m_text;
};

} // namespace Cairn
