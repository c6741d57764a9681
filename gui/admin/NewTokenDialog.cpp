#include "NewTokenDialog.h"

#include "CoreServices.h"
#include "common/ErrorLabel.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Cairn {

NewTokenDialog::NewTokenDialog(CoreServices &core, const Identity &caller, QWidget *parent)
    : QDialog(parent)
    , m_core(core)
    , m_caller(caller)
    , m_steps(new QStackedWidget(this))
    , m_description(new QLineEdit(this))
    , m_readOnly(new QCheckBox(tr("&Read-only: the token may only view"), this))
    , m_expiresDays(new QSpinBox(this))
    , m_key(new QLineEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_error(new ErrorLabel(this))
{
    setWindowTitle(tr("New API Token"));
    m_description->setObjectName(QStringLiteral("description"));
    m_readOnly->setObjectName(QStringLiteral("readOnly"));
    m_expiresDays->setObjectName(QStringLiteral("expiresDays"));
    m_key->setObjectName(QStringLiteral("key"));
    m_expiresDays->setRange(0, 3650);
    m_expiresDays->setSpecialValueText(tr("Never"));
    m_expiresDays->setSuffix(tr(" days"));

    auto *ask = new QWidget(m_steps);
    auto *form = new QFormLayout(ask);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("&Expires after:"), m_expiresDays);
    form->addRow(QString(), m_readOnly);
    form->addRow(m_error);
    m_steps->addWidget(ask);

    auto *show = new QWidget(m_steps);
    auto *showLayout = new QVBoxLayout(show);
    auto *once = new QLabel(tr("This is the token's key. It is on the clipboard now, and this is "
                               "the only time it is shown: Cairn keeps only its hash."),
                            show);
    once->setWordWrap(true);
    m_key->setReadOnly(true);
    m_key->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *copy = new QPushButton(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("&Copy"), show);
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_key->text()); });
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(copy);
    showLayout->addWidget(once);
    showLayout->addLayout(keyRow);
    showLayout->addStretch();
    m_steps->addWidget(show);

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Make Token"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewTokenDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &NewTokenDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_steps);
    layout->addWidget(m_buttons);
    resize(480, sizeHint().height());
}

QString NewTokenDialog::key() const
{
    return m_key->text();
}

void NewTokenDialog::accept()
{
    if (m_steps->currentIndex() == 1) {
        QDialog::accept();
        return;
    }
    m_error->clearError();
    const int days = m_expiresDays->value();
    const Result<IssuedToken> issued =
        m_core.tokens().issue(m_caller, days == 0 ? std::nullopt : std::optional<int>(days),
                              m_readOnly->isChecked(), m_description->text().trimmed());
    if (!issued) {
        m_error->showError(issued.error().message);
        return;
    }
    m_key->setText(issued->key);
    QApplication::clipboard()->setText(issued->key);
    m_steps->setCurrentIndex(1);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Done"));
    // There is nothing left to cancel: the token exists.
    m_buttons->button(QDialogButtonBox::Cancel)->hide();
}

} // namespace Cairn
