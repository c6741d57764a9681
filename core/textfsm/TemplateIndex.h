#pragma once

#include "Result.h"

#include <QList>
#include <QRegularExpression>
#include <QStringList>

namespace Cairn {

// Which template parses which command: the `index` file of TextFSM's clitable, as
// ntc-templates ships it, so a user's ntc-templates folder works unchanged. A comma-separated
// table under a `Template, Hostname, Platform, Command` header (any column order; Hostname
// optional); `#` comments; each column a regex matched at the start of the value, Command with
// `sh[[ow]]` meaning sh, sho or show; the first row that matches wins. Unlike clitable the
// Platform column must match the whole platform name, so that ntc-templates' `cisco_ios` rows
// never parse a cisco_iosxr device's output.
class TemplateIndex
{
public:
    struct Row
    {
        QStringList templates;
        QRegularExpression hostname;
        QRegularExpression platform;
        QRegularExpression command;
    };

    // Errors name the index line that is wrong.
    static Result<TemplateIndex> parse(const QString &text);

    // The templates for a command run on a device; empty when no row matches.
    QStringList templatesFor(const QString &platform, const QString &hostname,
                             const QString &command) const;

private:
    QList<Row> m_rows;
};

} // namespace Cairn
