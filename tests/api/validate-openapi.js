// Validates an OpenAPI document with @apidevtools/swagger-parser, an implementation that shares
// nothing with Cairn. Usage: node validate-openapi.js <url>
// The document is fetched here: the parser's own resolver refuses loopback URLs by design.
const path = require("path");
const SwaggerParser = require(path.join(__dirname, "../../third_party/web/node_modules/@apidevtools/swagger-parser"));

fetch(process.argv[2])
  .then((response) => {
    if (!response.ok) throw new Error(`GET ${process.argv[2]}: ${response.status}`);
    return response.json();
  })
  .then((document) => SwaggerParser.validate(document))
  .then((api) => {
    console.log(`valid: ${api.info.title} ${api.info.version}, ${Object.keys(api.paths).length} paths`);
  })
  .catch((error) => {
    console.error(String(error));
    process.exit(1);
  });
