#include "TerminalProgress.h"

#include <cstdio>
#include <unistd.h>

namespace Cairn {

namespace {

constexpr int BarWidth = 30;

} // namespace

TerminalProgress::TerminalProgress(QString label)
    : m_label(std::move(label))
    , m_terminal(isatty(fileno(stderr)) != 0)
{
}

TerminalProgress::~TerminalProgress()
{
    if (m_terminal && m_percent >= 0) {
        // Erase the bar's line.
        std::fputs("\r\033[K", stderr);
        std::fflush(stderr);
    }
}

Progress TerminalProgress::progress()
{
    if (!m_terminal)
        return {};
    return {[this](double fraction) { draw(int(fraction * 100.0)); },
            [] {
                return false;
            }};
}

void TerminalProgress::draw(int percent)
{
    if (percent == m_percent)
        return;
    m_percent = percent;
    const int filled = percent * BarWidth / 100;
    const QByteArray bar = QByteArray(filled, '#') + QByteArray(BarWidth - filled, '-');
    std::fprintf(stderr, "\r%s [%s] %3d%%", m_label.toLocal8Bit().constData(), bar.constData(),
                 percent);
    std::fflush(stderr);
}

} // namespace Cairn
