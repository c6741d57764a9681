#pragma once

#include "auth/Identity.h"
#include "common/FieldErrors.h"
#include "inventory/Attribute.h"

#include <QDialog>
#include <optional>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;

namespace Cairn {

class CoreServices;

// Defines an attribute of a site, or edits one: which resources carry it, whether it is
// required, shown, a list, and the constraints every value must meet (not empty, a pattern,
// one of some values). The core decides; its complaint appears under the field it names and
// nothing is saved.
class AttributeDialog : public QDialog
{
    Q_OBJECT

public:
    // A new definition in `siteId`, or (`existing` given) an edit of it.
    AttributeDialog(CoreServices &core, const Identity &caller, qint64 siteId,
                    const std::optional<Attribute> &existing, QWidget *parent = nullptr);

public Q_SLOTS:
    void accept() override;

private:
    QJsonObject fields() const;
    // Says at once when the pattern is not a regular expression.
    void checkPattern();

    CoreServices &m_core;
    Identity m_caller;
    qint64 m_siteId;
    std::optional<Attribute> m_existing;
    FieldErrors m_errors{this};
    QComboBox *m_resource;
    QLineEdit *m_name;
    QLineEdit *m_description;
    QCheckBox *m_required;
    QCheckBox *m_display;
    QCheckBox *m_multi;
    QCheckBox *m_allowEmpty;
    QLineEdit *m_pattern;
    QPlainTextEdit *m_validValues;
};

} // namespace Cairn
