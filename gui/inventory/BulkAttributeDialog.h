#pragma once

#include "auth/Identity.h"

#include <QDialog>
#include <QList>

class QCheckBox;
class QComboBox;
class QLineEdit;

namespace Cairn {

class CoreServices;
class ErrorLabel;

// Sets one attribute to one value on many devices at once, or removes it from them; all of
// them change or, when the core refuses one, none.
class BulkAttributeDialog : public QDialog
{
    Q_OBJECT

public:
    BulkAttributeDialog(CoreServices &core, const Identity &caller, const QList<qint64> &deviceIds,
                        QWidget *parent = nullptr);

public Q_SLOTS:
    void accept() override;

private:
    CoreServices &m_core;
    Identity m_caller;
    QList<qint64> m_deviceIds;
    QComboBox *m_name;
    QLineEdit *m_value;
    QCheckBox *m_remove;
    ErrorLabel *m_error;
};

} // namespace Cairn
