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


@dataclass
class Site:
    """Everything the generator knows, validated."""

    themes: dict[str, Theme]
    sources: dict[str, Source]
    guides: dict[str, GuidePage] = field(default_factory=dict)

    def sections(self) -> list[Section]:
        """Every described section, in reading order of the posts."""
        return [
            s for slug in self.sources if slug in self.guides for s in self.guides[slug].sections
        ]

    def section(self, ref: str) -> Section | None:
        """The section named by posts/<slug>#<id>, or None."""
        return next((s for s in self.sections() if s.ref == ref), None)
