#include "ConfigurationHistory.h"

#include <QCryptographicHash>
#include <QDir>
#include <QSaveFile>
#include <QUrl>
#include <QtDebug>
#include <git2.h>
#include <mutex>

namespace Cairn {

namespace {

// libgit2's message may quote paths of the data directory: logged, never shown.
Error failed(const char *what)
{
    const git_error *error = git_error_last();
    qWarning() << "configuration history:" << what << (error ? error->message : "");
    return Error{ErrorCode::Internal, QStringLiteral("The configuration history could not be %1.")
                                          .arg(QString::fromLatin1(what))};
}

template <typename T, void (*Free)(T *)> struct Owned
{
    T *pointer = nullptr;
    ~Owned() { Free(pointer); }
};

struct Walk
{
    QList<HistoryText> texts;
    git_repository *repository;
    bool failed = false;
};

} // namespace

ConfigurationHistory::ConfigurationHistory(QString directory)
    : m_directory(std::move(directory))
{
    static std::once_flag initialised;
    std::call_once(initialised, [] { git_libgit2_init(); });
}

ConfigurationHistory::~ConfigurationHistory()
{
    git_repository_free(m_repository);
}

QString ConfigurationHistory::fileName(const QString &name)
{
    QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(name, " @+,=:;()[]{}!"));
    if (encoded.startsWith(QLatin1Char('.')))
        encoded.replace(0, 1, QStringLiteral("%2E"));
    // File names end at 255 bytes: a longer one keeps its start and a digest of the whole (it
    // is then not read back as a name).
    if (encoded.size() > MaxFileName)
        encoded = encoded.left(MaxFileName - 41) + QLatin1Char('~') +
                  QString::fromLatin1(
                      QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha1).toHex());
    return encoded.isEmpty() ? QStringLiteral("%00") : encoded;
}

QString ConfigurationHistory::nameOf(const QString &fileName)
{
    return fileName == QLatin1String("%00") ? QString()
                                            : QUrl::fromPercentEncoding(fileName.toLatin1());
}

Result<git_repository *> ConfigurationHistory::repository()
{
    if (m_repository)
        return m_repository;
    if (!QDir().mkpath(m_directory))
        return Error{ErrorCode::Internal,
                     QStringLiteral("The configuration history's folder could not be made.")};
    const QByteArray path = QFile::encodeName(m_directory);
    if (git_repository_open(&m_repository, path.constData()) != 0 &&
        git_repository_init(&m_repository, path.constData(), 0) != 0)
        return failed("opened");
    return m_repository;
}

Result<void> ConfigurationHistory::write(const HistoryText &text)
{
    const QMutexLocker lock(&m_mutex);
    const Result<git_repository *> repository = this->repository();
    if (!repository)
        return repository.error();
    const QString relative = fileName(text.site) + QLatin1Char('/') + fileName(text.hostname) +
                             QLatin1Char('/') + fileName(text.property);
    const QString path = m_directory + QLatin1Char('/') + relative;
    if (!QDir().mkpath(QFileInfo(path).path()))
        return Error{ErrorCode::Internal, QStringLiteral("A device's folder could not be made.")};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.text.toUtf8()) < 0 || !file.commit())
        return Error{ErrorCode::Internal, QStringLiteral("A device's text could not be written.")};
    Owned<git_index, git_index_free> index;
    if (git_repository_index(&index.pointer, repository.value()) != 0 ||
        git_index_add_bypath(index.pointer, relative.toUtf8().constData()) != 0 ||
        git_index_write(index.pointer) != 0)
        return failed("written");
    return {};
}

Result<std::optional<QString>> ConfigurationHistory::commit(const QString &message)
{
    const QMutexLocker lock(&m_mutex);
    const Result<git_repository *> repository = this->repository();
    if (!repository)
        return repository.error();
    git_repository *repo = repository.value();
    Owned<git_index, git_index_free> index;
    git_oid treeId;
    if (git_repository_index(&index.pointer, repo) != 0 ||
        git_index_write_tree(&treeId, index.pointer) != 0)
        return failed("committed");
    Owned<git_commit, git_commit_free> parent;
    git_oid parentId;
    if (git_reference_name_to_id(&parentId, repo, "HEAD") == 0) {
        if (git_commit_lookup(&parent.pointer, repo, &parentId) != 0)
            return failed("committed");
        if (git_oid_equal(git_commit_tree_id(parent.pointer), &treeId))
            return std::optional<QString>();
    }
    Owned<git_tree, git_tree_free> tree;
    Owned<git_signature, git_signature_free> signature;
    if (git_tree_lookup(&tree.pointer, repo, &treeId) != 0 ||
        git_signature_now(&signature.pointer, "Cairn", "cairn@localhost") != 0)
        return failed("committed");
    const git_commit *parents[] = {parent.pointer};
    git_oid commitId;
    if (git_commit_create(&commitId, repo, "HEAD", signature.pointer, signature.pointer, nullptr,
                          message.toUtf8().constData(), tree.pointer, parent.pointer ? 1 : 0,
                          parents) != 0)
        return failed("committed");
    char hex[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(hex, sizeof hex, &commitId);
    return std::optional<QString>(QString::fromLatin1(hex));
}

Result<QList<HistoryText>> ConfigurationHistory::head()
{
    const QMutexLocker lock(&m_mutex);
    const Result<git_repository *> repository = this->repository();
    if (!repository)
        return repository.error();
    Owned<git_object, git_object_free> tree;
    const int found = git_revparse_single(&tree.pointer, repository.value(), "HEAD^{tree}");
    if (found == GIT_ENOTFOUND || git_repository_head_unborn(repository.value()) == 1)
        return QList<HistoryText>();
    if (found != 0)
        return failed("read");
    Walk walk{{}, repository.value()};
    const auto visit = [](const char *root, const git_tree_entry *entry, void *payload) -> int {
        auto *walk = static_cast<Walk *>(payload);
        if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB)
            return 0;
        const QStringList folders =
            QString::fromUtf8(root).split(QLatin1Char('/'), Qt::SkipEmptyParts);
        // Only <site>/<hostname>/<property>: anything else was put there by hand.
        if (folders.size() != 2)
            return 0;
        // Device texts are at most a command's output; anything larger was put there by hand.
        if (git_tree_entry_filemode(entry) != GIT_FILEMODE_BLOB)
            return 0;
        Owned<git_blob, git_blob_free> blob;
        if (git_blob_lookup(&blob.pointer, walk->repository, git_tree_entry_id(entry)) != 0) {
            walk->failed = true;
            return -1;
        }
        if (git_blob_rawsize(blob.pointer) > MaxTextBytes)
            return 0;
        walk->texts << HistoryText{
            nameOf(folders.at(0)), nameOf(folders.at(1)),
            nameOf(QString::fromUtf8(git_tree_entry_name(entry))),
            QString::fromUtf8(static_cast<const char *>(git_blob_rawcontent(blob.pointer)),
                              qsizetype(git_blob_rawsize(blob.pointer)))};
        return 0;
    };
    if (git_tree_walk(reinterpret_cast<git_tree *>(tree.pointer), GIT_TREEWALK_PRE, visit, &walk) !=
            0 ||
        walk.failed)
        return failed("read");
    return walk.texts;
}

} // namespace Cairn
