#pragma once

#include "Result.h"

#include <QString>
#include <memory>

namespace Cairn {

// A lock on a data directory (flock on <dir>/.cairn.lock): every process that opens the
// directory's core (a server, the desktop application, a command) holds it shared for as long
// as it does; `cairn restore --replace` takes it exclusively, so it never moves a directory
// aside under a process that is still writing to it. The kernel lets go when a process dies.
class DataDirectoryLock
{
public:
    enum class Mode
    {
        Shared,
        Exclusive,
    };
    static inline const QString FileName = QStringLiteral(".cairn.lock");

    // Taken at once or not at all: a conflict says who holds it.
    static Result<std::unique_ptr<DataDirectoryLock>> take(const QString &dataDir, Mode mode);
    ~DataDirectoryLock();
    DataDirectoryLock(const DataDirectoryLock &) = delete;
    DataDirectoryLock &operator=(const DataDirectoryLock &) = delete;

private:
    explicit DataDirectoryLock(int descriptor);
    int m_descriptor;
};

} // namespace Cairn
