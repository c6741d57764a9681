#pragma once

#include "auth/Identity.h"
#include "common/FieldErrors.h"
#include "inventory/Attribute.h"
#include "inventory/Device.h"

#include <QDialog>
#include <QHash>
#include <optional>

class QComboBox;
class QFormLayout;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace Cairn {

class CoreServices;

// Creates a device, or edits one: its place, how to reach it, what it is, and the attributes
// its site defines. The core validates; its complaints appear beside the fields they name, and
// nothing is saved until it accepts the whole device.
class DeviceDialog : public QDialog
{
    Q_OBJECT

public:
    // A new device, in `siteId` when given.
    DeviceDialog(CoreServices &core, const Identity &caller, std::optional<qint64> siteId,
                 QWidget *parent = nullptr);
    // The device to edit.
    DeviceDialog(CoreServices &core, const Identity &caller, const Device &device,
                 QWidget *parent = nullptr);
    ~DeviceDialog() override;

    // The saved device's id, once accepted.
    qint64 deviceId() const { return m_device.id; }

public Q_SLOTS:
    // Saves through the core; closes only when it accepted.
    void accept() override;

private:
    void build();
    void fill();
    void showAttributes();
    QJsonObject fields() const;
    // null for an attribute that was emptied (the core then removes it).
    QJsonValue attributeValue(int row) const;
    QLineEdit *addText(const QString &field, const QString &label);

    CoreServices &m_core;
    Identity m_caller;
    Device m_device;
    bool m_creating;
    QList<Attribute> m_attributes;
    QComboBox *m_site = nullptr;
    QSpinBox *m_port = nullptr;
    QTableWidget *m_attributeTable = nullptr;
    QHash<QString, QLineEdit *> m_texts;
    FieldErrors m_errors{this};
    QFormLayout *m_form = nullptr;
};

} // namespace Cairn
