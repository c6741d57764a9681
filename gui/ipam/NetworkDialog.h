#pragma once

#include "auth/Identity.h"

#include <QDialog>

class QComboBox;
class QLineEdit;

namespace Cairn {

class CoreServices;
class ErrorLabel;

// Records a network or an address in a site (its place in the tree is the core's to find),
// allocated or reserved.
class NetworkDialog : public QDialog
{
    Q_OBJECT

public:
    NetworkDialog(CoreServices &core, const Identity &caller, qint64 siteId,
                  QWidget *parent = nullptr);

    qint64 networkId() const { return m_networkId; }

public Q_SLOTS:
    void accept() override;

private:
    CoreServices &m_core;
    Identity m_caller;
    qint64 m_siteId;
    qint64 m_networkId = 0;
    QLineEdit *m_cidr;
    QComboBox *m_state;
    ErrorLabel *m_cidrError;
    ErrorLabel *m_error;
};

} // namespace Cairn
