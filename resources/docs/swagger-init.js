// Kept out of the page so the Content-Security-Policy can forbid inline scripts.
window.ui = SwaggerUIBundle({
  url: "/api/schema/",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
});
