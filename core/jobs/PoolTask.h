#pragma once

#include <QRunnable>
#include <functional>

namespace Cairn {

// A runnable for QThreadPool::start() whose start ThreadSanitizer can order after everything
// its submitter did before this call. QThreadPool hands a task to a thread under a lock inside
// QtCore, which Debian builds without TSan, so TSan took a task's first reads of what its
// submitter wrote (its own captures) for races. In other builds this is QRunnable::create().
// Auto-deleted, as QRunnable::create()'s are.
QRunnable *poolTask(std::function<void()> work);

} // namespace Cairn
