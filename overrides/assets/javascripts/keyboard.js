/* Noisy Signals: the header's panels from the keyboard on a phone. Where the navigation is a
   drawer (Material's breakpoint, under 76.25em) and search a full-screen panel (under 60em):
   - a closed drawer is inert and the closed search field is no Tab stop, so Tab goes from the
     skip link to what can be seen instead of walking ~60 links off-screen. Inside the open
     drawer, Material slides nested panels (a section, the page's table of contents) over the
     panel they belong to: only the frontmost takes focus, and the labels that open and close
     panels become Tab stops that Enter and Space work;
   - Material opens the drawer and search with a <label> (no Tab stop): each becomes a real
     button with a name (and aria-expanded for the drawer). Opening moves focus into the panel;
     Escape closes it and returns focus to its button; tabbing out of the drawer closes it.
   "/" still opens search. Without JavaScript nothing changes. */
(() => {
  "use strict";
  const drawerToggle = document.getElementById("__drawer");
  const searchToggle = document.getElementById("__search");
  const drawerMode = matchMedia("(max-width: 76.234375em)");
  const searchMode = matchMedia("(max-width: 59.984375em)");
  const drawer = () => document.querySelector(".md-sidebar--primary");
  const query = () => document.querySelector(".md-search__input");

  /* Material's header label for `toggle` replaced by a button that acts on the same toggle. */
  const buttonFor = (toggle, name, extra) => {
    const label = toggle && document.querySelector(`.md-header label[for='${toggle.id}']`);
    if (!label) return null;
    const button = document.createElement("button");
    button.type = "button";
    button.className = `${label.className} ${extra}`;
    button.setAttribute("aria-label", name);
    button.append(...label.childNodes);
    label.replaceWith(button);
    return button;
  };
  const set = (toggle, open) => {
    if (toggle.checked === open) return;
    toggle.checked = open;
    toggle.dispatchEvent(new Event("change"));
  };

  const menu = buttonFor(drawerToggle, "Navigation menu", "ns-menu");
  const search = buttonFor(searchToggle, "Search", "ns-search-button");

  /* In the drawer: what the frontmost panel covers, and closed panels, take no focus. */
  const NESTED = "li > input.md-nav__toggle";
  const panels = (root) => {
    for (const e of root.querySelectorAll("[data-ns-inert]")) {
      e.inert = false;
      delete e.dataset.nsInert;
    }
    for (const label of root.querySelectorAll("label[data-ns-tabindex]")) {
      const was = label.dataset.nsTabindex;
      if (was === "none") label.removeAttribute("tabindex");
      else label.setAttribute("tabindex", was);
      delete label.dataset.nsTabindex;
    }
    if (!drawerMode.matches) return;
    const hide = (e) => {
      if (!e || e.inert) return;
      e.inert = true;
      e.dataset.nsInert = "";
    };
    for (const toggle of root.querySelectorAll(NESTED)) {
      const item = toggle.parentElement;
      const nav = item.querySelector(":scope > nav.md-nav");
      if (!nav) continue;
      if (!toggle.checked) {
        hide(nav);
        continue;
      }
      const list = item.parentElement;
      for (const other of list.children) if (other !== item) hide(other);
      for (const child of item.children) if (child !== nav && child !== toggle) hide(child);
      for (const child of list.parentElement.children) if (child !== list) hide(child);
    }
    for (const label of root.querySelectorAll("label[for]")) {
      if (!document.getElementById(label.htmlFor)?.matches(".md-nav__toggle")) continue;
      if (label.tabIndex >= 0 && label.getAttribute("tabindex") !== "") continue;
      label.dataset.nsTabindex = label.getAttribute("tabindex") ?? "none";
      label.tabIndex = 0;
    }
  };

  const sync = () => {
    const panel = drawer();
    if (panel && drawerToggle) panel.inert = drawerMode.matches && !drawerToggle.checked;
    if (panel) panels(panel);
    if (menu && drawerToggle) menu.setAttribute("aria-expanded", String(drawerToggle.checked));
    const field = query();
    if (field && searchToggle) {
      if (searchMode.matches && !searchToggle.checked) field.tabIndex = -1;
      else field.removeAttribute("tabindex");
    }
  };

  menu?.addEventListener("click", () => {
    set(drawerToggle, !drawerToggle.checked);
    if (!drawerToggle.checked) return;
    const stops = drawer()?.querySelectorAll("a[href], [tabindex='0']") || [];
    [...stops].find((stop) => !stop.closest("[inert]"))?.focus();
  });
  search?.addEventListener("click", () => query()?.focus()); // Material opens search on focus

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    if (drawerToggle?.checked && drawerMode.matches) {
      set(drawerToggle, false);
      menu?.focus();
    } else if (searchToggle?.checked && searchMode.matches) {
      // Material closes search on Escape and leaves focus nowhere: hand it back to the button.
      requestAnimationFrame(() => !searchToggle.checked && search?.focus());
    }
  });
  /* Enter (Material clicks a focused label itself) or Space on a label that opens or closes a
     panel; focus follows into the panel shown, or back to the label that opened it. */
  document.addEventListener("keydown", (event) => {
    const label = event.target instanceof Element && event.target.closest("label[for]");
    const toggle = label && document.getElementById(label.htmlFor);
    if (!toggle?.matches(".md-nav__toggle") || !drawer()?.contains(label)) return;
    if (event.key === " ") {
      event.preventDefault();
      label.click();
    } else if (event.key !== "Enter") {
      return;
    }
    setTimeout(() => {
      const item = toggle.parentElement;
      const next = toggle.checked
        ? item.querySelector(":scope > nav.md-nav > label.md-nav__title")
        : item.querySelector(`:scope > label[for='${toggle.id}'], :scope > div > label[for]`);
      next?.focus();
    });
  });
  document.addEventListener("focusout", (event) => {
    const panel = drawer();
    const next = event.relatedTarget;
    if (!drawerToggle?.checked || !drawerMode.matches || !panel?.contains(event.target)) return;
    if (next instanceof Node && !panel.contains(next) && next !== menu) set(drawerToggle, false);
  });

  for (const watched of [drawerToggle, searchToggle, drawerMode, searchMode]) {
    watched?.addEventListener("change", sync);
  }
  document.addEventListener("change", (event) => {
    if (event.target instanceof Element && event.target.matches(".md-nav__toggle")) sync();
  });
  if (window.document$) window.document$.subscribe(sync);
  else sync();
})();
