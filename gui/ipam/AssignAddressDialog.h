#pragma once

#include "Result.h"
#include "auth/Identity.h"
#include "common/FieldErrors.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QStringListModel;

namespace Cairn {

class CoreServices;

// Puts a host address of a site on one of its devices' interfaces, beside the addresses the
// interface has. The device is typed (hostnames are offered as it is), its interfaces listed.
class AssignAddressDialog : public QDialog
{
    Q_OBJECT

public:
    AssignAddressDialog(CoreServices &core, const Identity &caller, qint64 siteId,
                        const QString &address, QWidget *parent = nullptr);

public Q_SLOTS:
    void accept() override;

private:
    // Offers the site's hostnames that hold what was typed.
    void offerHostnames(const QString &typed);
    // Lists the typed device's interfaces; false when no device of the site has that name.
    bool listInterfaces();
    Result<void> assign();

    CoreServices &m_core;
    Identity m_caller;
    qint64 m_siteId;
    qint64 m_deviceId = 0;
    QLineEdit *m_address;
    QLineEdit *m_device;
    QStringListModel *m_hostnames;
    QComboBox *m_interface;
    FieldErrors m_errors;
};

} // namespace Cairn
