#pragma once

#include <QString>

namespace Cairn {

// Text operators typed (a description, a group's name) shown where Qt guesses rich text from
// the content: tooltips and message boxes. Escaped inside a paragraph, so it is always shown
// as typed and never interpreted (no layout, no images fetched from files).
class RichText
{
public:
    static QString plain(const QString &text);
};

} // namespace Cairn
