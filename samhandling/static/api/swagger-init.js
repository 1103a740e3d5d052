// Starts Swagger UI on the API's documentation page with the settings the page carries as JSON
// (no inline script on the page).
(function () {
  "use strict";
  var settings = JSON.parse(document.getElementById("swagger-settings").textContent);
  settings.dom_id = "#swagger-ui";
  settings.presets = [window.SwaggerUIBundle.presets.apis];
  window.ui = window.SwaggerUIBundle(settings);
})();
