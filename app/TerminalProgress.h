#pragma once

#include "jobs/Progress.h"

#include <QString>

namespace Cairn {

// A progress bar on stderr while long work runs, when stderr is a terminal: a script or a log
// gets only the report at the end. The bar's line is cleared when this goes away, so that the
// report starts on a clean line.
class TerminalProgress
{
public:
    explicit TerminalProgress(QString label);
    ~TerminalProgress();
    TerminalProgress(const TerminalProgress &) = delete;
    TerminalProgress &operator=(const TerminalProgress &) = delete;

    // Reports here; never asks to stop (Ctrl-C ends the process, and an import with it, before
    // its transaction commits).
    Progress progress();

private:
    void draw(int percent);

    QString m_label;
    bool m_terminal = false;
    int m_percent = -1;
};

} // namespace Cairn
