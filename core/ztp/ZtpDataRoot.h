#pragma once

#include "Result.h"

#include <QString>
#include <optional>

namespace Cairn {

// The ZTPServer data_root on disk (bootstrap/, neighbordb, definitions/, nodes/<id>/,
// actions/, files/, resources/, config-handlers/, plugins/). Every path a client names is
// resolved here and refused if it could leave its folder.
class ZtpDataRoot
{
public:
    explicit ZtpDataRoot(const QString &root);

    const QString &root() const { return m_root; }
    // Creates the layout and copies in the shipped bootstrap client, its config, the actions
    // and an empty neighbordb, never replacing a file the operator has.
    Result<void> prepare() const;

    // `relative` inside `folder` (e.g. "files", "nodes/ID"): nothing when it is empty,
    // absolute, holds "..", or resolves (through links) outside the data_root.
    std::optional<QString> path(const QString &folder, const QString &relative) const;
    // A node's folder; nothing for an id that is not a plain file name.
    std::optional<QString> nodeFolder(const QString &nodeId) const;
    QString file(const QString &relative) const { return m_root + QLatin1Char('/') + relative; }

    static Result<QByteArray> read(const QString &path);
    // Written whole or not at all, so a crash never leaves half a file.
    static Result<void> write(const QString &path, const QByteArray &content);

private:
    QString m_root;
};

} // namespace Cairn
