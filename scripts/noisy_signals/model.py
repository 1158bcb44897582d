"""The site's content model: what data/ and the guide pages' front matter hold once validated."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReadingStep:
    """One stop on a theme's "Start here" path."""

    ref: str  # posts/<slug>#<id>
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
    reading_path: tuple[ReadingStep, ...] = ()


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
    def ref(self) -> str:
        """The reference form used in data/: posts/<slug>#<id>."""
        return f"posts/{self.page}#{self.id}"


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


@dataclass(frozen=True)
class Testimonial:
    """One researcher's setbacks and what came next, from data/testimonials/<id>.yml.

    Text fields are untrusted contributor text: render them only through noisy_signals.safe_text.
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
    guide_section: str = ""  # posts/<slug>#<id>
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
    when: str  # a key of lessons.WHEN: when in a reader's recovery the lesson helps
    themes: tuple[str, ...]
    rests_on: tuple[str, ...]  # posts/<slug>#<id>
    testimonials: tuple[str, ...] = ()  # ids of data/testimonials/<id>.yml

    @property
    def posts(self) -> tuple[str, ...]:
        """The distinct guide pages (slugs) the lesson rests on, in citation order."""
        return tuple(
            dict.fromkeys(ref.split("#")[0].removeprefix("posts/") for ref in self.rests_on)
        )


@dataclass
class Site:
    """Everything the generator knows, validated."""

    themes: dict[str, Theme]
    sources: dict[str, Source]
    guides: dict[str, GuidePage] = field(default_factory=dict)
    testimonials: dict[str, Testimonial] = field(default_factory=dict)
    lessons: list[Lesson] = field(default_factory=list)

    def sections(self) -> list[Section]:
        """Every described section, in reading order of the posts."""
        return [
            s for slug in self.sources if slug in self.guides for s in self.guides[slug].sections
        ]

    def section(self, ref: str) -> Section | None:
        """The section named by posts/<slug>#<id>, or None."""
        return next((s for s in self.sections() if s.ref == ref), None)
