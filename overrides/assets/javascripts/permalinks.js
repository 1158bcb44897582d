/* Noisy Signals: links that never break, and sending one section to someone (issue 7).
   - follows renamed #anchors to their new home (data/redirects.yml, passed in data-moved);
   - adds a "copy link to this section" button to every h2–h6 with an id in the article;
   - wires the Copy button of "Send this to someone" (the message itself works without JavaScript).
   Runs on every page view, with Material's instant navigation on (document$) or off. */
(() => {
  "use strict";
  const script = document.currentScript;
  const root = new URL(script.dataset.root || ".", location.href);
  if (!root.pathname.endsWith("/")) root.pathname += "/";
  const moved = JSON.parse(script.dataset.moved || "{}");
  const ICON =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M10.59 13.41c.41.39.41 1.03 0 1.42-.39.39-1.03.39-1.42 0a5.003 5.003 0 0 1 0-7.07l3.54-3.54a5.003 5.003 0 0 1 7.07 0 5.003 5.003 0 0 1 0 7.07l-1.49 1.49c.01-.82-.12-1.64-.4-2.42l.47-.48a2.98 2.98 0 0 0 0-4.24 2.98 2.98 0 0 0-4.24 0l-3.53 3.53a2.98 2.98 0 0 0 0 4.24m2.82-4.24c.39-.39 1.03-.39 1.42 0a5.003 5.003 0 0 1 0 7.07l-3.54 3.54a5.003 5.003 0 0 1-7.07 0 5.003 5.003 0 0 1 0-7.07l1.49-1.49c-.01.82.12 1.64.4 2.43l-.47.47a2.98 2.98 0 0 0 0 4.24 2.98 2.98 0 0 0 4.24 0l3.53-3.53a2.98 2.98 0 0 0 0-4.24.973.973 0 0 1 0-1.42"/></svg>';

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

  /* This page and hash as written in data/redirects.yml: "posts/x/#id", "./#id" for home. */
  const followMovedAnchor = () => {
    if (!location.hash) return;
    const path = location.pathname.replace(/index\.html$/, "");
    const page = (path.startsWith(root.pathname) ? path.slice(root.pathname.length) : path) || "./";
    const target = moved[decodeURI(page) + decodeURIComponent(location.hash)];
    if (target) location.replace(new URL(target, root).href);
  };

  const addCopyButtons = () => {
    const headings = document.querySelectorAll(
      "article.md-content__inner :is(h2, h3, h4, h5, h6)[id]",
    );
    for (const heading of headings) {
      if (heading.querySelector(".ns-copy-link")) continue;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "ns-copy-link";
      button.title = "Copy link to this section";
      button.setAttribute("aria-label", "Copy link to this section");
      button.innerHTML = ICON;
      button.addEventListener("click", async () => {
        const url = location.origin + location.pathname + "#" + heading.id;
        if (await copy(url)) {
          announce("Link copied");
        } else {
          history.replaceState(history.state, "", "#" + heading.id);
          announce("Could not copy: the link is now in the address bar");
        }
      });
      heading.append(button);
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
    addCopyButtons();
    enableSendButtons();
    markTarget();
  };
  window.addEventListener("hashchange", followMovedAnchor);
  if (window.document$) window.document$.subscribe(init);
  else init();
})();
