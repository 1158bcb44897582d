/* Noisy Signals: links that never break, and sending one section to someone.
   - follows renamed #anchors to their new home (data/redirects.yml, passed in data-moved);
   - turns the link MkDocs puts on every heading (a.headerlink, a plain link to the section without
     JavaScript) into the one "send this section" control: on a guide page's h2/h3 it sends the
     section's share address posts/<slug>/<id>/ (a page that previews as that section), on a
     lesson lessons/<id>/, elsewhere the page's address and #id. On a phone with a share sheet it opens the sheet; anywhere else
     it copies the address and says so;
   - wires the Copy button of "Send this to someone" (the message itself works without JavaScript);
   - tells the stylesheet how tall the sticky header is (--ns-header), which differs by engine
     and width, so a linked section opens below it.
   Runs on every page view, with Material's instant navigation on (document$) or off. */
(() => {
  "use strict";
  const script = document.currentScript;
  const header = document.querySelector(".md-header");
  if (header) {
    const measure = () =>
      document.documentElement.style.setProperty("--ns-header", `${header.offsetHeight}px`);
    measure();
    new ResizeObserver(measure).observe(header);
  }
  const root = new URL(script.dataset.root || ".", location.href);
  if (!root.pathname.endsWith("/")) root.pathname += "/";
  const moved = JSON.parse(script.dataset.moved || "{}");
  const MESSAGE = "I thought this section might help";
  const SVG = (d) =>
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="${d}"/></svg>`;
  const LINK_ICON = SVG(
    "M10.59 13.41c.41.39.41 1.03 0 1.42-.39.39-1.03.39-1.42 0a5.003 5.003 0 0 1 0-7.07l3.54-3.54a5.003 5.003 0 0 1 7.07 0 5.003 5.003 0 0 1 0 7.07l-1.49 1.49c.01-.82-.12-1.64-.4-2.42l.47-.48a2.98 2.98 0 0 0 0-4.24 2.98 2.98 0 0 0-4.24 0l-3.53 3.53a2.98 2.98 0 0 0 0 4.24m2.82-4.24c.39-.39 1.03-.39 1.42 0a5.003 5.003 0 0 1 0 7.07l-3.54 3.54a5.003 5.003 0 0 1-7.07 0 5.003 5.003 0 0 1 0-7.07l1.49-1.49c-.01.82.12 1.64.4 2.43l-.47.47a2.98 2.98 0 0 0 0 4.24 2.98 2.98 0 0 0 4.24 0l3.53-3.53a2.98 2.98 0 0 0 0-4.24.973.973 0 0 1 0-1.42",
  );
  const SHARE_ICON = SVG(
    "M18 16.08c-.76 0-1.44.3-1.96.77L8.91 12.7c.05-.23.09-.46.09-.7s-.04-.47-.09-.7l7.05-4.11c.54.5 1.25.81 2.04.81a3 3 0 0 0 3-3 3 3 0 0 0-3-3 3 3 0 0 0-3 3c0 .24.04.47.09.7L8.04 9.81C7.5 9.31 6.79 9 6 9a3 3 0 0 0-3 3 3 3 0 0 0 3 3c.79 0 1.5-.31 2.04-.81l7.12 4.15c-.05.21-.08.43-.08.66 0 1.61 1.31 2.91 2.92 2.91s2.92-1.3 2.92-2.91A2.92 2.92 0 0 0 18 16.08",
  );
  /* The system share sheet where it exists on a touch device; a laptop copies instead. */
  const sheet = () =>
    typeof navigator.share === "function" && matchMedia("(pointer: coarse)").matches;

  /* One polite live region for every confirmation, shown briefly as a small toast. */
  const live = document.createElement("div");
  live.className = "ns-toast";
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  document.body.append(live);
  let clearing = 0;
  const announce = (text) => {
    live.textContent = "";
    clearTimeout(clearing);
    requestAnimationFrame(() => {
      live.textContent = text;
      clearing = setTimeout(() => (live.textContent = ""), 4000);
    });
  };

  const copy = async (text) => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      const area = Object.assign(document.createElement("textarea"), { value: text, readOnly: true });
      area.style.cssText = "position:fixed;top:0;opacity:0";
      document.body.append(area);
      area.select();
      const ok = document.execCommand("copy");
      area.remove();
      return ok;
    }
  };

  /* This page's path under the site root: "posts/x/", "./" for home. */
  const here = () => {
    const path = decodeURI(location.pathname.replace(/index\.html$/, ""));
    const base = decodeURI(root.pathname);
    return (path.startsWith(base) ? path.slice(base.length) : path) || "./";
  };

  const followMovedAnchor = () => {
    if (!location.hash) return;
    const target = moved[here() + decodeURIComponent(location.hash)];
    if (target) location.replace(new URL(target, root).href);
  };

  /* What the control sends: the share address of a guide section or a lesson (a page that
     previews as it), the page itself for its title, and otherwise the page's address and #id. */
  const address = (heading) => {
    const page = location.origin + location.pathname;
    if (heading.tagName === "H1") return page;
    const guideSection =
      /^posts\/[^/]+\/$/.test(here()) && /^H[23]$/.test(heading.tagName) &&
      !heading.id.startsWith("related-"); // "Related in the other posts" is the build's, not the post's
    const lesson = here() === "lessons/" && heading.tagName === "H3";
    if (guideSection || lesson) {
      return new URL(`${here()}${encodeURIComponent(heading.id)}/`, root).href;
    }
    return `${page}#${encodeURIComponent(heading.id)}`;
  };

  const send = async (heading, control) => {
    const url = address(heading);
    if (sheet()) {
      const title = heading.textContent.trim();
      try {
        await navigator.share({ title, text: MESSAGE, url });
        return;
      } catch (error) {
        if (error && error.name === "AbortError") return; // the reader closed the sheet
      }
    }
    if (await copy(url)) {
      announce("Link copied");
    } else {
      history.replaceState(history.state, "", `#${heading.id}`);
      announce("Could not copy: the link is now in the address bar");
    }
  };

  /* Keep the control on the line of the heading's last word: it never wraps onto a line alone. */
  const keepWithLastWord = (control) => {
    const before = control.previousSibling;
    const span = document.createElement("span");
    span.className = "ns-nowrap";
    if (before && before.nodeType === Node.TEXT_NODE) {
      const text = before.textContent.replace(/\s+$/, "");
      const cut = text.search(/\S+$/);
      if (cut < 0) return;
      before.textContent = text.slice(0, cut);
      span.append(text.slice(cut));
    } else if (before && before.nodeType === Node.ELEMENT_NODE) {
      before.replaceWith(span);
      span.append(before);
    } else {
      return;
    }
    control.replaceWith(span);
    span.append(control);
  };

  const enableSectionControls = () => {
    const share = sheet();
    const label = share ? "Share this section" : "Copy link to this section";
    for (const control of document.querySelectorAll("article.md-content__inner .headerlink")) {
      const heading = control.parentElement;
      if (control.classList.contains("ns-copy-link") || !heading || !heading.id) continue;
      control.classList.add("ns-copy-link");
      control.innerHTML = share ? SHARE_ICON : LINK_ICON;
      control.setAttribute("aria-label", label);
      control.title = label;
      control.href = address(heading);
      keepWithLastWord(control);
      control.addEventListener("click", (event) => {
        if (event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        event.stopPropagation(); // not a navigation: keep instant navigation's hands off
        send(heading, control);
      });
    }
  };

  const enableSendButtons = () => {
    for (const button of document.querySelectorAll("button[data-ns-copy][hidden]")) {
      const message = document.getElementById(button.dataset.nsCopy);
      if (!message) continue;
      button.hidden = false;
      button.addEventListener("click", async () => {
        const ok = await copy(message.textContent.trim());
        announce(ok ? "Message copied" : "Could not copy: select the message and copy it");
      });
    }
  };

  /* With instant navigation the new page's target is reached without :target; mark it anyway. */
  const markTarget = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (!target || target.matches(":target")) return;
    target.classList.remove("ns-target");
    void target.offsetWidth; // restart the animation
    target.classList.add("ns-target");
  };

  const init = () => {
    followMovedAnchor();
    enableSectionControls();
    enableSendButtons();
    markTarget();
  };
  window.addEventListener("hashchange", followMovedAnchor);
  if (window.document$) window.document$.subscribe(init);
  else init();
})();
