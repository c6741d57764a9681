#pragma once

class QComboBox;
class QString;

namespace Cairn {

// The states an operator gives a network by hand (assigned is the interfaces' to set), as a
// choice with translated labels and the core's names as data.
class NetworkStates
{
public:
    static void fill(QComboBox *box);
    // Any state's label (the core's name when it is one this version does not know).
    static QString label(const QString &state);
};

} // namespace Cairn
