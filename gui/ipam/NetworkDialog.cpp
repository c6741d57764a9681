#include "NetworkDialog.h"

#include "CoreServices.h"
#include "NetworkStates.h"
#include "common/ErrorLabel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLineEdit>

namespace Cairn {

NetworkDialog::NetworkDialog(CoreServices &core, const Identity &caller, qint64 siteId,
                             QWidget *parent)
    : QDialog(parent)
    , m_core(core)
    , m_caller(caller)
    , m_siteId(siteId)
    , m_cidr(new QLineEdit(this))
    , m_state(new QComboBox(this))
    , m_cidrError(new ErrorLabel(this))
    , m_error(new ErrorLabel(this))
{
    setWindowTitle(tr("New Network"));
    m_cidr->setObjectName(QStringLiteral("cidr"));
    m_cidr->setPlaceholderText(tr("10.20.0.0/16, 2001:db8::/48 or one address"));
    m_state->setObjectName(QStringLiteral("state"));
    m_cidrError->setObjectName(QStringLiteral("cidrError"));
    NetworkStates::fill(m_state);
    auto *form = new QFormLayout(this);
    form->addRow(m_error);
    form->addRow(tr("&Network:"), m_cidr);
    form->addRow(QString(), m_cidrError);
    form->addRow(tr("&State:"), m_state);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &NetworkDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &NetworkDialog::reject);
    form->addRow(buttons);
    resize(420, sizeHint().height());
}

void NetworkDialog::accept()
{
    m_error->clearError();
    m_cidrError->clearError();
    const QJsonObject fields{{QStringLiteral("cidr"), m_cidr->text().trimmed()},
                             {QStringLiteral("state"), m_state->currentData().toString()},
                             {QStringLiteral("site_id"), m_siteId}};
    const Result<QList<Network>> created =
        m_core.networks().create(m_caller, QJsonArray{fields}, m_siteId);
    if (!created) {
        // The CIDR is one field here, where the core may name either of its parts.
        QString aboutCidr;
        for (const QString &field : {QStringLiteral("cidr"), QStringLiteral("network_address"),
                                     QStringLiteral("prefix_length")})
            aboutCidr += created.error().fields.value(field).toString();
        if (aboutCidr.isEmpty())
            m_error->showError(created.error().message);
        else
            m_cidrError->showError(aboutCidr);
        return;
    }
    m_networkId = created->first().id;
    QDialog::accept();
}

} // namespace Cairn
