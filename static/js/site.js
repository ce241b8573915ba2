// Progressive enhancement only: every page works without JavaScript (menus open on hover and
// keyboard focus, the phone menu's links are in the page, forms submit as usual).
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function toggle(button, target, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (target) target.hidden = !open;
  }
  function isOpen(button) { return button.getAttribute("aria-expanded") === "true"; }

  // Masthead: "How to identify" opens the two explanations.
  document.querySelectorAll("[data-masthead-toggle]").forEach(function (button) {
    var info = document.getElementById(button.getAttribute("aria-controls"));
    button.addEventListener("click", function () { toggle(button, info, !isOpen(button)); });
  });

  var header = document.querySelector("[data-site-header]");
  if (header) {
    // Phone menu: the button opens a panel with every section's pages.
    var burger = header.querySelector("[data-menu-toggle]");
    burger.addEventListener("click", function () {
      var open = !isOpen(burger);
      burger.setAttribute("aria-expanded", open ? "true" : "false");
      header.classList.toggle("is-open", open);
    });

    // Desktop dropdowns open on hover and focus (CSS); the chevron buttons open them for touch.
    var expanders = header.querySelectorAll("[data-submenu-toggle]");
    function closeAll(except) {
      expanders.forEach(function (button) {
        if (button !== except) button.setAttribute("aria-expanded", "false");
      });
    }
    expanders.forEach(function (button) {
      button.addEventListener("click", function () {
        var open = !isOpen(button);
        closeAll(button);
        button.setAttribute("aria-expanded", open ? "true" : "false");
      });
    });
    header.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var expanded = header.querySelector("[data-submenu-toggle][aria-expanded='true']");
      closeAll();
      if (document.activeElement && header.contains(document.activeElement)) {
        document.activeElement.blur();
      }
      if (expanded) expanded.focus();
    });
    document.addEventListener("click", function (event) {
      if (!header.contains(event.target)) closeAll();
    });

    // The search icon opens the search bar under the header and puts the cursor in it.
    var searchButton = header.querySelector("[data-search-toggle]");
    var search = header.querySelector("[data-search]");
    if (searchButton && search) {
      searchButton.addEventListener("click", function () {
        var open = !isOpen(searchButton);
        toggle(searchButton, search, open);
        if (open) search.querySelector("input").focus();
      });
    }

    // A menu wider than the window: items closer together, then a point smaller, and if that
    // is not enough, the menu goes behind the menu button as on phones (never a page that
    // scrolls sideways).
    var bar = header.querySelector(".site-header__bar");
    var menu = header.querySelector("[data-menu]");
    function overflows() {
      return bar.scrollWidth > bar.clientWidth || menu.scrollWidth > menu.clientWidth;
    }
    function fit() {
      header.classList.remove("is-tight", "is-tighter", "is-compact");
      if (window.innerWidth < 1024) return;
      if (!overflows()) return;
      header.classList.add("is-tight");
      if (!overflows()) return;
      header.classList.add("is-tighter");
      if (!overflows()) return;
      header.classList.remove("is-tight", "is-tighter");
      header.classList.add("is-compact");
    }
    fit();
    var resizing;
    window.addEventListener("resize", function () {
      clearTimeout(resizing);
      resizing = setTimeout(fit, 100);
    });
    // Again once Lato has loaded: the script can run before the page asks for the font (then
    // fonts.ready has already resolved), and wider letters can make the menu overflow.
    if (document.fonts && document.fonts.ready) {
      document.fonts.ready.then(fit);
      if (document.fonts.addEventListener) document.fonts.addEventListener("loadingdone", fit);
    }
  }

  // Notification banner: dismissed for this browser session.
  var notice = document.querySelector("[data-notification]");
  if (notice) {
    var key = "notification-dismissed";
    var text = notice.textContent.trim();
    try {
      if (sessionStorage.getItem(key) === text) notice.hidden = true;
    } catch (e) { /* storage unavailable: keep the banner */ }
    var close = notice.querySelector("[data-notification-close]");
    if (close) {
      close.addEventListener("click", function () {
        notice.hidden = true;
        try { sessionStorage.setItem(key, text); } catch (e) { /* ignore */ }
      });
    }
  }

  // Share column: print, and copy the page's address.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    button.addEventListener("click", function () {
      var status = document.querySelector("[data-copy-status]");
      var address = button.getAttribute("data-copy-link");
      if (!navigator.clipboard) return;
      navigator.clipboard.writeText(address).then(function () {
        if (status) status.textContent = "Link copied";
      });
    });
  });

  // Hero dropdown: a disclosure button that opens a list of links.
  document.querySelectorAll("[data-dropdown]").forEach(function (dropdown) {
    var button = dropdown.querySelector("[data-dropdown-toggle]");
    var menu = dropdown.querySelector("ul");
    button.addEventListener("click", function () { toggle(button, menu, !isOpen(button)); });
    dropdown.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { toggle(button, menu, false); button.focus(); }
    });
    document.addEventListener("click", function (event) {
      if (!dropdown.contains(event.target)) toggle(button, menu, false);
    });
  });

  // Newsroom: the sort and year choices apply as soon as they change.
  document.querySelectorAll("[data-autosubmit]").forEach(function (form) {
    form.querySelectorAll("select").forEach(function (select) {
      select.addEventListener("change", function () { form.submit(); });
    });
    var submit = form.querySelector("[data-autosubmit-button]");
    if (submit) submit.hidden = true;
  });
})();
