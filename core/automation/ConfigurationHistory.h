#pragma once

#include "Result.h"

#include <QList>
#include <QMutex>
#include <QString>
#include <optional>

struct git_repository;

namespace Cairn {

// One device text as the history keeps it: the file <site>/<hostname>/<property>.
struct HistoryText
{
    QString site;
    QString hostname;
    QString property;
    QString text;
};

// Devices' backed-up texts in a git repository (libgit2), one folder per device, so their
// history, diffs and searches are git's and any git client reads them. A backup run writes
// each device's text as it comes, then commits once. Thread-safe.
class ConfigurationHistory
{
public:
    // The repository in `directory`, made on first use.
    explicit ConfigurationHistory(QString directory);
    ~ConfigurationHistory();
    Q_DISABLE_COPY_MOVE(ConfigurationHistory)

    QString directory() const { return m_directory; }
    // Puts the text in the work tree and the index, for the next commit.
    Result<void> write(const HistoryText &text);
    // Commits what was written; the new commit's id, or nothing when no text changed.
    Result<std::optional<QString>> commit(const QString &message);
    // Every text of the last commit; none before the first.
    Result<QList<HistoryText>> head();

    static constexpr int MaxFileName = 200;
    static constexpr quint64 MaxTextBytes = 32 * 1024 * 1024;

private:
    // The repository, opened (or made) once; called locked.
    Result<git_repository *> repository();
    // A folder or file name for any site, host or property name: nothing that climbs out of
    // the repository or hides in it (/, .., a leading dot).
    static QString fileName(const QString &name);
    static QString nameOf(const QString &fileName);

    QString m_directory;
    QMutex m_mutex;
    git_repository *m_repository = nullptr;
};

} // namespace Cairn
