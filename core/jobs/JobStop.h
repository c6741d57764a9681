#pragma once

#include <atomic>

namespace Cairn {

// Whether a job was asked to stop, and whether it is past the point where stopping could still
// undo its work (an import committing, an export replacing the old file). A stop request and the
// job's claim to finish race; exactly one of them wins, so a job that answers "cancelled" has
// changed nothing and one that was told "too late" finishes as it would have.
class JobStop
{
public:
    explicit JobStop(bool asked = false)
        : m_state(asked ? Asked : Running)
    {
    }

    // Asks the job to stop; false when it is already finishing.
    bool ask();
    bool asked() const { return m_state.load() == Asked; }
    // The job is about to make its work final: true when no stop was asked, and from then on
    // none is taken.
    bool claimFinish();

private:
    enum State
    {
        Running,
        Asked,
        Finishing
    };
    std::atomic_int m_state;
};

} // namespace Cairn
