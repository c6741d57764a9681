#pragma once

#include <QJsonObject>
#include <QList>
#include <QRegularExpression>
#include <QStringList>
#include <optional>

namespace Cairn {

// A device-side error found in a command's output ("% Invalid input detected" and the like).
struct DeviceErrorPattern
{
    QRegularExpression pattern;
    QString type;
    QString guidance;
};

// How Cairn talks to one platform, read from resources/transport/platforms.json: data, so a
// new platform is a JSON entry, not code.
struct PlatformProfile
{
    QString name;
    QString vendor;
    QStringList aliases;
    // Matched against the last line of output: the device is waiting for a command.
    QRegularExpression prompt;
    // The prompt of privileged (enable) mode.
    QRegularExpression privilegedPrompt;
    // A pager's "more" prompt; invalid when the platform never pages.
    QRegularExpression pager;
    // Sent once after login: paging off, a wide terminal.
    QStringList sessionCommands;
    QString enableCommand;
    QRegularExpression enablePasswordPrompt;
    QString configEnter;
    QString configExit;
    // Each command over its own exec channel (hosts with a shell) instead of one interactive CLI.
    bool useExec = false;
    // What a free-text variable's value may hold on this platform ("text_value" in the JSON):
    // never ';', '|', '`', '$(', '<' or '>', so a value cannot chain a command, pipe the output
    // to a file (IOS `| redirect`, Junos `| save`) or run a shell command.
    QRegularExpression textValue;
    QList<DeviceErrorPattern> errors;
    // What a command catalogued as `show` may be here ("read_only" in the JSON), so that
    // `execute_show` cannot reload or reconfigure a device: its first word one of `verbs`, each
    // `|` followed by one of `filters` (never IOS `| redirect` or Junos `| save`), and no `;`,
    // `&`, `<`, `>`, backquote, `$(` or control character; over a shell, no quotes.
    QStringList readOnlyVerbs;
    QStringList readOnlyFilters;

    static PlatformProfile fromJson(const QJsonObject &json);
    // The text_value of platforms that name none: what network CLIs take safely.
    static QRegularExpression cliTextValue();
    // The first device-side error pattern the output matches.
    std::optional<DeviceErrorPattern> detectError(const QString &output) const;
    // Why the command is not read-only here; empty when it is. `text` is the command with each
    // placeholder as a plain word (Command::skeleton()): values are checked on their own.
    QString whyNotReadOnly(const QString &text) const;
};

} // namespace Cairn
