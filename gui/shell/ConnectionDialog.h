#pragma once

#include "ConnectionProfiles.h"
#include "Result.h"
#include "common/FieldErrors.h"
#include "db/DatabaseConfig.h"

#include <QDialog>
#include <functional>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QWidget;

namespace Cairn {

// Which database the desktop works on: this computer's SQLite file, or a PostgreSQL server of
// the remembered profiles (host, port, database, user, TLS mode). The password is typed, or
// taken from the keychain, where it is kept when the operator asks; the settings never hold
// it. Connect tries the connection and, when it fails, stays open with the reason; the
// profiles are saved when it connects (or one is deleted).
class ConnectionDialog : public QDialog
{
    Q_OBJECT

public:
    // Opens the database `config` names (password included), or says why not.
    using Connector = std::function<Result<void>(const DatabaseConfig &config)>;

    ConnectionDialog(QString dataDir, Connector connector, QWidget *parent = nullptr);

    // Selects the profile of that name, or (empty or unknown) this computer's database.
    void selectProfile(const QString &name);
    // Why the last connection failed, shown above the form.
    void showError(const QString &message);

public Q_SLOTS:
    void accept() override;
    void newProfile();
    void deleteProfile();

private:
    void showProfile(int row);
    // The form into the profile it shows, if it shows one.
    void keepForm();
    // The selected profile's server, as the form says it; NotFound-free errors name fields.
    Result<DatabaseConfig> formConfig() const;
    QLineEdit *addText(const QString &field, const QString &label);

    QString m_dataDir;
    Connector m_connector;
    QList<ConnectionProfile> m_profiles;
    // The profile the form shows (its row less one); -1 for this computer's database.
    int m_shown = -1;
    QListWidget *m_list;
    QWidget *m_server;
    FieldErrors m_errors{this};
    QHash<QString, QLineEdit *> m_texts;
    QSpinBox *m_port;
    QComboBox *m_sslMode;
    QLineEdit *m_password;
    QCheckBox *m_remember;
};

} // namespace Cairn
