"""The site's content model: what data/ and the guide pages' front matter hold once validated."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SECTION_REF = re.compile(r"posts/([a-z0-9]+(?:-[a-z0-9]+)*)#([a-z0-9]+(?:-[a-z0-9]+)*)")


@dataclass(frozen=True, order=True)
class SectionRef:
    """A guide section as data/ names it, `posts/<slug>#<id>`: the one parser of that form."""

    slug: str
    id: str

    @classmethod
    def parse(cls, text: str) -> SectionRef | None:
        """The reference in `text`, or None when it is not of the form posts/<slug>#<id>."""
        match = SECTION_REF.fullmatch(text)
        return cls(match.group(1), match.group(2)) if match else None

    def __str__(self) -> str:
        return f"posts/{self.slug}#{self.id}"

    @property
    def doc(self) -> str:
        """The guide page's file under docs/."""
        return f"posts/{self.slug}.md"

    @property
    def page_url(self) -> str:
        """The guide page's address relative to the site root."""
        return f"posts/{self.slug}/"

    @property
    def url(self) -> str:
        """The section's link relative to the site root, as data/permalinks.yml writes it."""
        return f"posts/{self.slug}/#{self.id}"

    @property
    def share_url(self) -> str:
        """The section's share address: a small page that previews as the section."""
        return f"posts/{self.slug}/{self.id}/"


@dataclass(frozen=True)
class ReadingStep:
    """One stop on a theme's "Start here" path."""

    ref: SectionRef
    why: str


@dataclass(frozen=True)
class Theme:
    """One kind of evaluation (applications, first impressions, ...)."""

    id: str
    title: str
    situation: str
    question: str
    intro: str
    keywords: tuple[str, ...]
    message: str  # "Send this to someone": the kind words before the page's link
    reading_path: tuple[ReadingStep, ...] = ()
    explainer: bool = False  # link the interactive explainer from the theme page

    @property
    def doc(self) -> str:
        """The generated theme page's file under docs/."""
        return f"themes/{self.id}.md"


@dataclass(frozen=True)
class Source:
    """One of the posts the guide is built around."""

    key: str
    title: str
    authors: tuple[str, ...]
    published: str
    venue: str
    url: str
    licence: str
    summary: str
    published_note: str = ""
    licence_url: str = ""

    @property
    def credit(self) -> str:
        """The authors as a reader should see them: "LawrenceC (Lawrence Chan)" is Lawrence Chan,
        "Akash (akash-wasil)" is Akash, "George Wang (Timaeus)" is George Wang."""
        names = []
        for author in self.authors:
            match = re.fullmatch(r"(.+?)\s*\((.+)\)", author)
            names.append(
                (match.group(2) if " " in match.group(2) else match.group(1)) if match else author
            )
        return " and ".join(names)


@dataclass(frozen=True)
class Heading:
    """A `##` or `###` heading of a guide page, with the id readers link to."""

    level: int
    title: str
    id: str | None
    line: int


@dataclass(frozen=True)
class Section:
    """A guide section that the front matter describes: its themes and one-line gist."""

    page: str  # the guide page's slug
    id: str
    title: str
    level: int
    themes: tuple[str, ...]
    gist: str

    @property
    def ref(self) -> SectionRef:
        """The reference form used in data/: posts/<slug>#<id>."""
        return SectionRef(self.page, self.id)


@dataclass(frozen=True)
class GuidePage:
    """A hand-written guide page, docs/posts/<slug>.md."""

    slug: str
    file: str
    title: str
    description: str
    source: str
    headings: tuple[Heading, ...]
    sections: tuple[Section, ...]
    words: int

    @property
    def reading_minutes(self) -> int:
        """Minutes to read at a relaxed 200 words a minute."""
        return max(1, round(self.words / 200))

    def heading(self, ident: str) -> Heading | None:
        """The heading with this id, or None."""
        return next((h for h in self.headings if h.id == ident), None)


@dataclass(frozen=True)
class Testimonial:
    """One researcher's setbacks and what came next, from data/testimonials/<id>.yml.

    Text fields are untrusted contributor text: render them only through noisy_signals.testimonials.
    """

    id: str
    file: str
    who: str  # "anonymous" shows no name
    role: str
    themes: tuple[str, ...]
    setbacks: tuple[str, ...]
    what_happened_next: str
    lesson: str = ""
    quote: str = ""
    source: str = ""
    guide_section: SectionRef | None = None
    shared_on: str = ""

    @property
    def anonymous(self) -> bool:
        """True when the contributor asked for no name on the site."""
        return self.who.strip().lower() == "anonymous"


@dataclass(frozen=True)
class Lesson:
    """One entry of the lessons digest (data/lessons.yml), resting on guide sections."""

    id: str
    title: str
    text: str
    when: str  # a key of WHEN: when in a reader's recovery the lesson helps
    themes: tuple[str, ...]
    rests_on: tuple[SectionRef, ...]
    testimonials: tuple[str, ...] = ()  # ids of data/testimonials/<id>.yml

    @property
    def posts(self) -> tuple[str, ...]:
        """The distinct guide pages (slugs) the lesson rests on, in citation order."""
        return tuple(dict.fromkeys(ref.slug for ref in self.rests_on))


WHEN = {
    "right-after": "Right after a setback",
    "next-months": "Over the next months",
}
"""The lessons digest's groups, in page order: `when:` in data/lessons.yml names one of these keys."""


@dataclass
class Links:
    """data/permalinks.yml and data/redirects.yml: every published link, and where moved ones went."""

    links: dict[str, int]  # link -> its line in data/permalinks.yml
    moved_pages: dict[str, str]
    renamed_anchors: dict[str, str]
    short_links: dict[str, str]
    rule_lines: dict[tuple[str, str], int | None]  # (kind, old) -> line in data/redirects.yml

    def resolve(self, link: str) -> str:
        """Where `link` leads once moved pages and renamed anchors are followed."""
        if link in self.renamed_anchors:
            return self.renamed_anchors[link]
        page, _, anchor = link.partition("#")
        if page not in self.moved_pages:
            return link
        moved = self.moved_pages[page] + (f"#{anchor}" if anchor else "")
        return self.renamed_anchors.get(moved, moved)


@dataclass
class Site:
    """Everything the generator knows, validated."""

    themes: dict[str, Theme]
    sources: dict[str, Source]
    guides: dict[str, GuidePage] = field(default_factory=dict)
    testimonials: dict[str, Testimonial] = field(default_factory=dict)
    lessons: list[Lesson] = field(default_factory=list)
    links: Links | None = None

    def sections(self) -> list[Section]:
        """Every described section, in reading order of the posts (sources.yml's order)."""
        order = self.sources or self.guides  # a broken sources.yml is reported on its own
        return [s for slug in order if slug in self.guides for s in self.guides[slug].sections]

    def section(self, ref: SectionRef) -> Section | None:
        """The described section `ref` names, or None."""
        guide = self.guides.get(ref.slug)
        return next((s for s in guide.sections if s.id == ref.id), None) if guide else None

    def heading_title(self, ref: SectionRef) -> str | None:
        """The plain title of any heading `ref` names (described or not), or None."""
        guide = self.guides.get(ref.slug)
        heading = guide.heading(ref.id) if guide else None
        return re.sub(r"[*_`]", "", heading.title).strip() if heading else None
