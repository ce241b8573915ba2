// Progressive enhancement only: every page works without JavaScript.
(function () {
  "use strict";

  // Notification banner: dismiss for this browser session.
  var bar = document.querySelector("[data-notification]");
  if (bar) {
    var key = "actris-notification-dismissed";
    var text = bar.textContent.trim();
    try {
      if (sessionStorage.getItem(key) === text) bar.hidden = true;
    } catch (e) { /* storage unavailable: keep the banner */ }
    var close = bar.querySelector("[data-notification-close]");
    if (close) {
      close.addEventListener("click", function () {
        bar.hidden = true;
        try { sessionStorage.setItem(key, text); } catch (e) { /* ignore */ }
      });
    }
  }

  // Hero dropdown: a disclosure button that opens a list of links.
  document.querySelectorAll("[data-dropdown]").forEach(function (dropdown) {
    var toggle = dropdown.querySelector("[data-dropdown-toggle]");
    var menu = dropdown.querySelector("ul");
    function setOpen(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      menu.hidden = !open;
    }
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    dropdown.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { setOpen(false); toggle.focus(); }
    });
    document.addEventListener("click", function (event) {
      if (!dropdown.contains(event.target)) setOpen(false);
    });
  });
})();
