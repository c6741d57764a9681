#include "NextFreeDialog.h"

#include "CoreServices.h"
#include "NetworkStates.h"
#include "common/ErrorLabel.h"
#include "common/ErrorMessage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>

namespace Cairn {

namespace {

// As many as NSoT's next_network answers at once.
constexpr int MostAtOnce = 1000;

} // namespace

NextFreeDialog::NextFreeDialog(CoreServices &core, const Identity &caller, const Network &parent,
                               Kind kind, QWidget *parent_)
    : QDialog(parent_)
    , m_core(core)
    , m_caller(caller)
    , m_parent(parent)
    , m_kind(kind)
    , m_prefix(new QSpinBox(this))
    , m_count(new QSpinBox(this))
    , m_strict(new QCheckBox(tr("Only space no network or address takes up (&strict)"), this))
    , m_state(new QComboBox(this))
    , m_proposed(new QListWidget(this))
    , m_error(new ErrorLabel(this))
{
    setWindowTitle(kind == Kind::Networks ? tr("Next Free Networks in %1").arg(parent.ip.cidr())
                                          : tr("Next Free Addresses in %1").arg(parent.ip.cidr()));
    m_prefix->setObjectName(QStringLiteral("prefixLength"));
    m_count->setObjectName(QStringLiteral("count"));
    m_state->setObjectName(QStringLiteral("state"));
    m_proposed->setObjectName(QStringLiteral("proposed"));
    m_error->setObjectName(QStringLiteral("error"));
    m_prefix->setRange(parent.ip.prefixLength() + 1, parent.ip.maxPrefixLength());
    m_prefix->setValue(qMin(parent.ip.maxPrefixLength(), parent.ip.prefixLength() + 8));
    m_prefix->setPrefix(QStringLiteral("/"));
    m_count->setRange(1, MostAtOnce);
    NetworkStates::fill(m_state);
    auto *form = new QFormLayout(this);
    if (kind == Kind::Networks)
        form->addRow(tr("&Prefix length:"), m_prefix);
    else
        m_prefix->hide();
    form->addRow(tr("&How many:"), m_count);
    form->addRow(QString(), m_strict);
    form->addRow(tr("&State:"), m_state);
    form->addRow(tr("Free now:"), m_proposed);
    form->addRow(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Allocate"));
    connect(buttons, &QDialogButtonBox::accepted, this, &NextFreeDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &NextFreeDialog::reject);
    form->addRow(buttons);
    for (QSpinBox *box : {m_prefix, m_count})
        connect(box, &QSpinBox::valueChanged, this, &NextFreeDialog::propose);
    connect(m_strict, &QCheckBox::toggled, this, &NextFreeDialog::propose);
    propose();
}

int NextFreeDialog::prefixLength() const
{
    return m_kind == Kind::Networks ? m_prefix->value() : m_parent.ip.maxPrefixLength();
}

void NextFreeDialog::propose()
{
    m_error->clearError();
    m_proposed->clear();
    const Result<QList<IpNetwork>> found = m_core.networks().nextNetworks(
        m_parent, prefixLength(), m_count->value(), m_strict->isChecked());
    if (!found) {
        m_error->showError(ErrorMessage::describe(found.error()));
        return;
    }
    for (const IpNetwork &ip : found.value())
        m_proposed->addItem(m_kind == Kind::Networks ? ip.cidr() : ip.networkAddress());
}

void NextFreeDialog::accept()
{
    m_error->clearError();
    const Result<QList<Network>> made =
        m_core.networks().allocateNext(m_caller, m_parent, prefixLength(), m_count->value(),
                                       m_strict->isChecked(), m_state->currentData().toString());
    if (!made) {
        m_error->showError(ErrorMessage::describe(made.error()));
        return;
    }
    m_allocated = made.value();
    QDialog::accept();
}

} // namespace Cairn
