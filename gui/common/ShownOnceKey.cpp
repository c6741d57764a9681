#include "ShownOnceKey.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Cairn {

ShownOnceKey::ShownOnceKey(const QString &explanation, QWidget *parent)
    : QWidget(parent)
    , m_key(new QLineEdit(this))
{
    auto *once = new QLabel(explanation, this);
    once->setWordWrap(true);
    m_key->setObjectName(QStringLiteral("key"));
    m_key->setReadOnly(true);
    m_key->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *copy = new QPushButton(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("&Copy"), this);
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_key->text()); });
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(copy);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(once);
    layout->addLayout(keyRow);
    layout->addStretch();
}

QString ShownOnceKey::key() const
{
    return m_key->text();
}

void ShownOnceKey::set(const QString &key)
{
    m_key->setText(key);
    QApplication::clipboard()->setText(key);
}

} // namespace Cairn
