#pragma once

#include "Error.h"

#include <functional>

namespace Cairn {

// How far long work has come, and whether whoever waits for it asked it to stop. A job's
// context reports to the job, a terminal draws a bar, and a default one goes nowhere. Work made
// of steps hands each step a part() of its own, so that a step reports 0..1 of itself without
// knowing what comes before or after it.
class Progress
{
public:
    using Report = std::function<void(double fraction)>;
    using StopAsked = std::function<bool()>;
    using ClaimFinish = std::function<bool()>;

    Progress() = default;
    // `claimFinish`: see claimFinish(); without one, the work may finish unless a stop was asked.
    Progress(Report report, StopAsked stopAsked, ClaimFinish claimFinish = {});

    // `fraction` (0..1) of this part done.
    void report(double fraction) const;
    void done() const { report(1.0); }
    bool stopAsked() const;
    // Called right before the work makes itself final (a commit, a file put in place): true
    // when it may (a stop asked later is then refused as too late), false when it was asked to
    // stop first and must undo what it did instead.
    bool claimFinish() const;
    // The stretch from `from` to `to` (fractions of this part) as a part of its own.
    Progress part(double from, double to) const;
    // What work that stopped because it was asked to answers with.
    static Error stopped();

private:
    Report m_report;
    StopAsked m_stopAsked;
    ClaimFinish m_claimFinish;
    double m_from = 0.0;
    double m_to = 1.0;
};

} // namespace Cairn
