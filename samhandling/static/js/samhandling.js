/* Samhandling's only script, and an optional one: every page works without it.
   1. On small screens the header's search, language switch and menu fold behind one button.
   2. After a refused or invalid form, focus goes to the summary of what to correct (the
      summary also carries `autofocus`, which browsers honour without this script). */
(function () {
  "use strict";

  function collapsibleHeader() {
    var header = document.querySelector(".site-header");
    var toggle = header && header.querySelector(".site-menu-toggle");
    if (!toggle) return;
    header.classList.add("site-header--collapsible");
    toggle.hidden = false;
    function setOpen(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      header.classList.toggle("site-header--open", open);
    }
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    header.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  // The summary of a form's errors, or the notice that a sign-up was refused.
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary], #refusal");
    if (!summary || document.activeElement === summary) return;
    if (!summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
    summary.focus();
  }

  collapsibleHeader();
  focusErrorSummary();
  // Scrolling to a #fragment after the script ran can take the focus back to the page.
  window.addEventListener("load", function () {
    if (document.activeElement === document.body) focusErrorSummary();
  });
})();
