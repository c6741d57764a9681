#include "JobStop.h"

namespace Cairn {

bool JobStop::ask()
{
    int expected = Running;
    return m_state.compare_exchange_strong(expected, Asked) || expected == Asked;
}

bool JobStop::claimFinish()
{
    int expected = Running;
    return m_state.compare_exchange_strong(expected, Finishing) || expected == Finishing;
}

} // namespace Cairn
