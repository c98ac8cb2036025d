"""The indicator catalogue (``extractors/catalogue.yaml``) as validated, compiled data."""

from __future__ import annotations

import re
from functools import cache

from junheng.core.yamldata import package_yaml
from pydantic import BaseModel, ConfigDict, Field


class Indicator(BaseModel):
    """One indicator: its id, unit, the wordings reports use and what a value may look like."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    unit: str
    accepts: tuple[str, ...]
    wordings: tuple[str, ...]
    after: tuple[str, ...] = ()
    not_before: str | None = None
    not_after: str | None = None
    needs: str | None = None
    levels: bool = True
    range: tuple[float, float]
    above_range: str | None = None
    """The indicator a value above ``range`` is (an 入学率 of 111.1% is a gross rate)."""
    stock: bool = (
        False  # a count of what exists (books, schools …): bought or built ones are not it
    )
    extra: bool = False


class Catalogue(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    indicators: tuple[Indicator, ...]
    by_id: dict[str, Indicator] = Field(default_factory=dict, exclude=True)

    def model_post_init(self, _context: object) -> None:
        object.__setattr__(self, "by_id", {ind.id: ind for ind in self.indicators})


@cache
def load_catalogue() -> Catalogue:
    return Catalogue.model_validate(package_yaml("junheng.extractors.data", "catalogue.yaml"))


def indicator_name(indicator_id: str) -> str:
    """The 中文 name of an indicator id (the id itself when the catalogue lacks it)."""
    found = load_catalogue().by_id.get(indicator_id)
    return found.name if found else indicator_id


@cache
def indicator_patterns() -> tuple[tuple[Indicator, re.Pattern[str]], ...]:
    """Each indicator with one pattern over its wordings (longest alternatives first)."""
    return tuple(
        (ind, re.compile("|".join(sorted(ind.wordings, key=len, reverse=True))))
        for ind in load_catalogue().indicators
    )


@cache
def after_patterns() -> tuple[tuple[Indicator, re.Pattern[str]], ...]:
    """What follows a count's unit and names its indicator: 10个教学班, 325名初中寄宿生."""
    return tuple(
        (ind, re.compile("|".join(sorted(ind.after, key=len, reverse=True))))
        for ind in load_catalogue().indicators
        if ind.after
    )
