/* Full addresses for links on paper: a printed guide page or lesson must say where each link goes.
   Links inside the site are relative (`../what-mentors-value/#qualities`), meaningless on paper, and
   print CSS can only show an attribute as written; this adds data-print-url with the link's address
   on the published site (resolved against the page's canonical URL), which noisy.css prints after
   the link text. Same-page links, heading permalinks, footnote marks and theme chips are left alone. */
(() => {
  "use strict";
  const canonical = document.querySelector('link[rel="canonical"]');
  if (!canonical) return;
  const skip = ".headerlink, .footnote-ref, .footnote-backref, .ns-chip, .md-content__button";
  for (const a of document.querySelectorAll("article a[href]")) {
    const href = a.getAttribute("href");
    if (a.matches(skip) || href.startsWith("#") || /^[a-z][a-z0-9+.-]*:/i.test(href)) continue;
    a.dataset.printUrl = new URL(href, canonical.href).href;
  }
})();
