#include "NewTokenDialog.h"

#include "CoreServices.h"
#include "common/ErrorLabel.h"
#include "common/ShownOnceKey.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
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
    , m_key(new ShownOnceKey(tr("This is the token's key. It is on the clipboard now, and this "
                                "is the only time it is shown: Cairn keeps only its hash."),
                             this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_error(new ErrorLabel(this))
{
    setWindowTitle(tr("New API Token"));
    m_description->setObjectName(QStringLiteral("description"));
    m_readOnly->setObjectName(QStringLiteral("readOnly"));
    m_expiresDays->setObjectName(QStringLiteral("expiresDays"));
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

    m_steps->addWidget(m_key);

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
    return m_key->key();
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
    m_key->set(issued->key);
    m_steps->setCurrentIndex(1);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Done"));
    // There is nothing left to cancel: the token exists.
    m_buttons->button(QDialogButtonBox::Cancel)->hide();
}

} // namespace Cairn
