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

// Main menu: the small-screen toggle and the dropdowns, by keyboard and touch.
(function () {
  "use strict";
  var nav = document.querySelector("[data-main-menu]");
  if (!nav) return;
  var toggle = nav.querySelector("[data-menu-toggle]");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("is-open", open);
    });
  }
  var parents = nav.querySelectorAll("[data-submenu-toggle]");
  function closeAll(except) {
    parents.forEach(function (button) {
      if (button === except) return;
      button.setAttribute("aria-expanded", "false");
      document.getElementById(button.getAttribute("aria-controls")).hidden = true;
    });
  }
  parents.forEach(function (button) {
    var submenu = document.getElementById(button.getAttribute("aria-controls"));
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      closeAll(button);
      button.setAttribute("aria-expanded", open ? "true" : "false");
      submenu.hidden = !open;
    });
  });
  nav.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      var expanded = nav.querySelector("[data-submenu-toggle][aria-expanded='true']");
      closeAll();
      if (expanded) expanded.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (!nav.contains(event.target)) closeAll();
  });
})();
