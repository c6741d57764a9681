#pragma once

#include "Result.h"
#include "io/MigrationExport.h"
#include "io/MigrationImport.h"

namespace Cairn {

struct ApiRequest;

// The body both faces take to export or import a migration project: `{name,
// import_export_types, passphrase}` and, to export, `export_private_properties`; to import,
// `empty_database_before_import`.
class MigrationRequest
{
public:
    static inline const QString PrivateProperties = QStringLiteral("export_private_properties");
    static inline const QString EmptyFirst = QStringLiteral("empty_database_before_import");

    static Result<MigrationExport::Options> exportOptions(const ApiRequest &request);
    static Result<MigrationImport::Options> importOptions(const ApiRequest &request);
    // The fields of each body, for the routes' schemas.
    static QJsonObject exportSchema();
    static QJsonObject importSchema();
};

} // namespace Cairn
