/* Noisy Signals: a small preview of a linked guide section (its heading, post and one-line gist)
   when a link to one is hovered with a mouse or reached with the keyboard: reading paths,
   "Related in the other posts", editor's notes, lessons' citations. Touch screens never get one.
   This part only waits for the first such hover or focus, then loads the rest, preview-card.js,
   which fetches assets/generated/previews.json: neither is in a page's first view. */
(() => {
  "use strict";
  const root = new URL(document.currentScript.dataset.root || ".", location.href);
  if (!root.pathname.endsWith("/")) root.pathname += "/";
  const canHover = matchMedia("(hover: hover) and (pointer: fine)");
  let card = null;
  const wake = (event) => {
    if (card || !canHover.matches || (event.pointerType && event.pointerType !== "mouse")) return;
    const link = event.target instanceof Element && event.target.closest("article a[href]");
    if (!link || !/\/posts\/[^/]+\/#./.test(link.href)) return;
    card = import(new URL("assets/javascripts/preview-card.js", root).href)
      .then((module) => module.start(root, event))
      .catch(() => {});
    document.removeEventListener("pointerover", wake);
    document.removeEventListener("focusin", wake);
  };
  document.addEventListener("pointerover", wake);
  document.addEventListener("focusin", wake);
})();
