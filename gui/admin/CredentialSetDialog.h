#pragma once

#include "auth/Identity.h"
#include "common/FieldErrors.h"
#include "toolkit/CredentialSet.h"

#include <QDialog>
#include <optional>

class QDialogButtonBox;
class QFormLayout;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QStackedWidget;

namespace Cairn {

class CoreServices;
class ShownOnceKey;

// Makes or edits one of the signed-in user's device credential sets. Secrets are typed into
// password fields, handed to the core (which seals them) and cleared; an edit replaces only
// the secrets typed. A new set's token, which toolkit requests name it by, is shown once.
class CredentialSetDialog : public QDialog
{
    Q_OBJECT

public:
    // A new set, or (`existing` given) an edit of it.
    CredentialSetDialog(CoreServices &core, const Identity &caller,
                        const std::optional<CredentialSet> &existing, QWidget *parent = nullptr);

    // The new set's token, once made (empty before, and for an edit).
    QString token() const;

public Q_SLOTS:
    // Saves through the core; a new set then shows its token, and the next press closes.
    void accept() override;

private:
    QLineEdit *addText(QFormLayout *form, const QString &field, const QString &label, bool secret);
    // What the form says, as the API's fields; secrets only when typed.
    QJsonObject fields() const;
    void forgetSecrets();
    void loadKeyFile();

    CoreServices &m_core;
    Identity m_caller;
    std::optional<CredentialSet> m_existing;
    QStackedWidget *m_steps;
    FieldErrors m_errors{this};
    QHash<QString, QLineEdit *> m_texts;
    QPlainTextEdit *m_privateKey;
    QListWidget *m_platforms;
    ShownOnceKey *m_token;
    QDialogButtonBox *m_buttons;
};

} // namespace Cairn
