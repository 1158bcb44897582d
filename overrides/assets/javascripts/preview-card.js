/* Noisy Signals: previews of linked guide sections, the part loaded on first use (previews.js
   waits for the first hover or keyboard focus on such a link, then calls start()). Shows the
   section's heading, post and gist from assets/generated/previews.json, also fetched only then,
   in a tooltip (role=tooltip, aria-describedby) below the link, or above it when there is no
   room, so it never covers the link; it follows the link as the page scrolls, the pointer may
   move onto it, and Escape hides it. */
const canHover = matchMedia("(hover: hover) and (pointer: fine)");
const SECTION = /^posts\/[^/]+\/#./;
const LINKS = "article.md-content__inner a[href]:not(.headerlink, .md-content__button)";
const GAP = 8; // px between the link and the preview
const SHOW_AFTER = 250; // ms of hovering before a preview appears; focus shows it at once
const HIDE_AFTER = 200; // ms to move the pointer from the link onto the preview

let root = null; // the site's root URL, from previews.js
let previews = null; // the promise of previews.json's sections, once asked for
let tip = null;
let shownFor = null;
let showing = 0;
let hiding = 0;

const load = () => {
  previews ||= fetch(new URL("assets/generated/previews.json", root))
    .then((response) => (response.ok ? response.json() : {}))
    .then((data) => data.sections || {})
    .catch(() => ({}));
  return previews;
};

/* "posts/<slug>/#<id>" for a link to a guide section of this site, else "". */
const key = (link) => {
  const url = new URL(link.href, location.href);
  if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return "";
  const path = decodeURI(url.pathname.slice(root.pathname.length)).replace(/index\.html$/, "");
  const found = `${path}${decodeURIComponent(url.hash)}`;
  return SECTION.test(found) ? found : "";
};

const element = () => {
  if (tip && tip.isConnected) return tip;
  tip = document.createElement("div");
  tip.id = "ns-preview";
  tip.className = "ns-preview md-typeset";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  tip.addEventListener("pointerenter", () => clearTimeout(hiding));
  tip.addEventListener("pointerleave", () => hideSoon());
  (document.querySelector("main") || document.body).append(tip); // inside a landmark
  return tip;
};

const place = (link) => {
  const rects = link.getClientRects();
  if (!rects.length) return;
  const first = rects[0];
  const last = rects[rects.length - 1];
  const { width, height } = tip.getBoundingClientRect();
  const fitsBelow = last.bottom + GAP + height <= innerHeight || first.top - GAP - height < 0;
  const top = fitsBelow ? last.bottom + GAP : first.top - GAP - height;
  const anchor = fitsBelow ? last.left : first.left;
  const left = Math.max(GAP, Math.min(anchor, innerWidth - width - GAP));
  tip.style.top = `${Math.round(top)}px`;
  tip.style.left = `${Math.round(left)}px`;
};

const show = async (link) => {
  const id = key(link);
  if (!id) return;
  const section = (await load())[id];
  if (!section || !(link.matches(":hover") || link.matches(":focus-visible"))) return;
  hide();
  const box = element();
  const post = document.createElement("p");
  post.className = "ns-preview__post";
  post.textContent = section.author ? `${section.post} · ${section.author}` : section.post;
  const title = document.createElement("p");
  title.className = "ns-preview__title";
  title.textContent = section.title;
  const gist = document.createElement("p");
  gist.className = "ns-preview__gist";
  gist.textContent = section.gist;
  box.replaceChildren(title, post, gist);
  box.hidden = false;
  place(link);
  link.setAttribute("aria-describedby", box.id);
  shownFor = link;
};

const hide = () => {
  clearTimeout(showing);
  clearTimeout(hiding);
  if (shownFor) shownFor.removeAttribute("aria-describedby");
  shownFor = null;
  if (tip) tip.hidden = true;
};
const hideSoon = () => {
  clearTimeout(hiding);
  hiding = setTimeout(hide, HIDE_AFTER);
};

const linkOf = (event) =>
  canHover.matches && event.target instanceof Element ? event.target.closest(LINKS) : null;

const over = (event) => {
  const link = event.pointerType === "mouse" ? linkOf(event) : null;
  if (!link || !key(link)) return;
  clearTimeout(hiding);
  if (link === shownFor) return;
  load();
  clearTimeout(showing);
  showing = setTimeout(() => show(link), SHOW_AFTER);
};
const focus = (event) => {
  const link = linkOf(event);
  if (link && key(link) && link.matches(":focus-visible")) show(link);
};

/* Fixed to the viewport: follow the link as the page scrolls. */
let frame = 0;
const follow = () => {
  if (!shownFor || frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    if (shownFor) place(shownFor);
  });
};

/* Take over from previews.js: `first` is the hover or focus that woke it. */
export function start(siteRoot, first) {
  root = siteRoot;
  document.addEventListener("pointerover", over);
  document.addEventListener("focusin", focus);
  document.addEventListener("pointerout", (event) => {
    const link = linkOf(event);
    if (!link || (event.relatedTarget instanceof Node && link.contains(event.relatedTarget))) return;
    clearTimeout(showing);
    if (link === shownFor) hideSoon();
  });
  document.addEventListener("focusout", (event) => event.target === shownFor && hide());
  document.addEventListener("keydown", (event) => event.key === "Escape" && shownFor && hide());
  addEventListener("scroll", follow, { passive: true });
  addEventListener("resize", follow, { passive: true });
  if (window.document$) window.document$.subscribe(hide);
  (first.type === "focusin" ? focus : over)(first);
}
