#pragma once

namespace Cairn {

// The Fusion style in a light or a dark palette. Following the desktop means dark when the
// platform's own palette is dark (Qt 6.4 has no colour-scheme hint to ask instead).
class Theme
{
public:
    enum class Mode
    {
        FollowDesktop,
        Light,
        Dark,
    };

    // On the running QApplication; widgets made afterwards and those shown repaint in it.
    static void apply(Mode mode);
    // The operator's choice, remembered across starts (FollowDesktop until they choose).
    static Mode chosen();
    static void choose(Mode mode);
};

} // namespace Cairn
