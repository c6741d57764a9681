#include "BodyBudget.h"

namespace Cairn {

bool BodyBudget::take(qint64 bytes)
{
    qint64 available = m_available.loadRelaxed();
    while (available >= bytes) {
        if (m_available.testAndSetOrdered(available, available - bytes, available))
            return true;
    }
    return false;
}

void BodyBudget::giveBack(qint64 bytes)
{
    m_available.fetchAndAddOrdered(bytes);
}

} // namespace Cairn
