"""The batch digested once for every output: ledger rows, indicator table, problem groups.

report.docx, ledger.xlsx and review.html must tell the same story, so the counting and grouping
happen here, once, and the writers only lay the results out. Every number in the drafts is a
figure's value or a count made here, or a 差异系数 computed from the school rows by the
validator's own formula (:func:`junheng.validate.cv.assess`, per county and level against the
batch's profile), so section 二, 指标汇总 and the findings give the same coefficients.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from junheng.core.levels import level_order
from junheng.core.model import Figure, Finding, Item, Report
from junheng.core.text import bigrams
from junheng.draft.inputs import Batch, Key
from junheng.draft.labels import cn_punct, indicator_name, rule_names, strip_invisible
from junheng.segment.meta import unit_in_title
from junheng.segment.regions import region_unit
from junheng.validate import Profile, load_profile
from junheng.validate.cv import Assessment, assess

STATUSES = ("已整改", "整改中", "未整改")
NO_STATUS = "未注明"
CATEGORIES = ("办学条件", "师资队伍", "经费保障", "教育质量", "学校管理", "安全", "其他")
# What section 一 shows as headline figures, in this order (others go to ledger's 指标汇总).
HEADLINE = (
    "schools",
    "students",
    "staff",
    "teachers",
    "student_teacher_ratio",
    "enrollment_rate",
    "gross_enrollment_rate",
    "dropout_rate",
    "retention_rate",
    "disabled_enrollment_rate",
    "teacher_qualified_rate",
    "building_area_per_student",
    "teaching_area_per_student",
    "sports_area_per_student",
    "land_area_per_student",
    "equipment_value_per_student",
    "books_per_student",
    "computers_per_100_students",
    "multimedia_rooms_per_100_students",
    "public_funds_per_student",
    "funding_growth",
    "edu_surcharge",
)
MIN_UNITS_FOR_CV = 3  # a coefficient of variation over fewer units says nothing
# 差异系数 compares schools' per-student resources; over counts (a city against a school) it
# would only measure their sizes.
CV_INDICATORS = ("_per_student", "_per_100_students", "student_teacher_ratio")
# Bigram Dice above which two problems count as one; 0.5 (the contract's item match) merges
# "卫生保健室设备不足" with "心理咨询室设备不足", which a reader must see as two problems.
SAME_PROBLEM = 0.75
QUOTE_MAX = 40  # characters of evidence quoted whole in section 五
# The body's length follows the content, not the batch (issue 16: ≤ 40 pages whatever its size):
# each list in it shows its first few, most reported entries with their counts and says where
# the rest are (附件, ledger.xlsx).
TOP_PROBLEMS = 5  # problem groups per category in section 三
TOP_POINTS = 5  # measures, and outcomes, per category in section 四
TOP_ERRORS = 12  # findings quoted in section 五
TOP_OPEN = 10  # open problems listed in section 六
LEDGER_IN_REPORT = 300  # ledger rows the report's attachment prints; ledger.xlsx has every one
FAILED_IN_TEXT = 3  # unread files named in the text; more are listed in an attachment


def unit_label(report: Report | None, key: Key, file_no: int | None = None) -> str:
    """The unit a report speaks for, as the drafts name it.

    Its ``unit_name`` when the segmenter found one; else a unit or region its title or opening
    names (:func:`junheng.segment.meta.unit_in_title`, :func:`junheng.segment.regions.region_unit`);
    else a plain label, ``文件3第9篇``: the input file by its number in the list of source files
    (附件2 of the report) and the report's place in it. Never a file name with its hash, never a
    zero-width character.
    """
    found = named_unit(report) if report is not None else None
    if found:
        return found
    where = f"文件{file_no}" if file_no is not None else _plain_file(key[0])
    return f"{where}第{key[1] + 1}篇"


def named_unit(report: Report) -> str | None:
    """The unit a report names: the segmenter's, else one its title opens with or a region it
    names; None when it names none."""
    if report.unit_name:
        return report.unit_name
    title = report.title or ""
    return unit_in_title(title) or region_unit(title, "", "")


def _plain_file(file: str) -> str:
    """A file's name without its folder, its extension or a run of hex digits (a hash)."""
    stem = file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    stem = _HASH.sub("", stem).strip("_- ") or stem
    return strip_invisible(stem)


_HASH = re.compile(r"[_-]?[0-9a-f]{8,}", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Source:
    """One input file as 附件2 lists it, by the number the drafts name it by."""

    number: int
    file: str
    reports: int
    """Reports counted from it (a copy of another file's report is counted there)."""
    unnamed: int
    """Of those, the ones no unit is known for (named ``文件N第M篇``)."""


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One problem with what answers it: the 整改台账 line."""

    seq: int
    unit: str
    category: str
    problem: str
    measures: tuple[str, ...]
    outcomes: tuple[str, ...]
    status: str
    owner: str
    deadline: str
    file: str
    page: str
    start: int
    end: int

    def cells(self) -> list[object]:
        """序号 … 整改时限 as the ledger and the report's attachment show them."""
        return [
            self.seq,
            self.unit,
            self.category,
            cn_punct(self.problem),
            "\n".join(cn_punct(m) for m in self.measures),
            "\n".join(cn_punct(o) for o in self.outcomes),
            self.status,
            self.owner,
            self.deadline,
        ]


@dataclass(frozen=True, slots=True)
class Cell:
    """One unit's value for one (indicator, level), marked when a finding says it misses."""

    figure: Figure | None
    below: Finding | None = None


@dataclass(frozen=True, slots=True)
class Column:
    indicator: str
    level: str | None
    unit: str
    standard: str | None = None  # the standard's clause, when a finding or the text gives it
    expected: float | None = None

    @property
    def label(self) -> str:
        name = indicator_name(self.indicator)
        return f"{name}（{self.level}）" if self.level else name


@dataclass(frozen=True, slots=True)
class IndicatorStatus:
    """Section 二's line for one (indicator, level)."""

    column: Column
    units: tuple[str, ...]  # units that report it or were checked against it
    failing: tuple[str, ...]
    minimum: float | None
    maximum: float | None
    cv: float | None

    @property
    def meeting(self) -> int:
        return len(self.units) - len(self.failing)

    @property
    def compared(self) -> bool:
        """Reported by several units: worth a line even without a standard."""
        return self.minimum is not None and len(self.units) > 1


@dataclass(frozen=True, slots=True)
class ProblemGroup:
    """Similar problems of one category, with the units that reported them and how often."""

    text: str
    units: tuple[str, ...]
    count: int


@dataclass(frozen=True, slots=True)
class Category:
    name: str
    problems: tuple[ProblemGroup, ...]
    """Every group of similar problems, the most reported first."""
    problem_count: int
    units: tuple[str, ...]
    statuses: dict[str, int]
    measures: tuple[str, ...]
    outcomes: tuple[str, ...]
    measure_groups: tuple[ProblemGroup, ...] = ()
    """The measures grouped as the problems are, the most reported first."""
    outcome_groups: tuple[ProblemGroup, ...] = ()

    @property
    def top_problems(self) -> tuple[ProblemGroup, ...]:
        return self.problems[:TOP_PROBLEMS]

    @property
    def top_measures(self) -> tuple[ProblemGroup, ...]:
        return self.measure_groups[:TOP_POINTS]

    @property
    def top_outcomes(self) -> tuple[ProblemGroup, ...]:
        return self.outcome_groups[:TOP_POINTS]


@dataclass
class Summary:
    reports: list[Report]
    units: list[str]
    unnamed: int
    files: int
    failed: dict[str, str]
    """Each unread file (failed or skipped) with the manifest's reason, in input order."""
    years: list[int]
    ledger: list[LedgerRow]
    headline: list[tuple[Column, list[tuple[str, Figure]]]]
    columns: list[Column]
    table: dict[str, dict[Column, Cell]]
    indicators: list[IndicatorStatus]
    categories: list[Category]
    errors: list[Finding]
    severities: dict[str, int]
    open_rows: list[LedgerRow]
    unit_of: dict[Key, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    duplicates: int = 0
    """Reports left out because another file holds the same report (counted once)."""
    copies: dict[Key, list[Key]] = field(default_factory=dict)
    """Each counted report's copies in other files (or other places of its file)."""
    same_as: dict[Key, Key] = field(default_factory=dict)
    """Every report's key → the key of the report it counts as."""
    file_no: dict[str, int] = field(default_factory=dict)
    """Each input file's number: the plain labels (``文件3第9篇``) and 附件2 name files by it."""
    sources: list[Source] = field(default_factory=list)
    coefficients: list[Assessment] = field(default_factory=list)
    """The 差异系数 of each county and level under each CV rule of the profile, from the school
    rows (empty when the batch has no table with a row per school)."""

    @property
    def coefficient_counties(self) -> list[tuple[str, list[Assessment]]]:
        """:attr:`coefficients` by county, in order; a county no table names is ``""``."""
        by: dict[str, list[Assessment]] = {}
        for found in self.coefficients:
            by.setdefault(found.county or "", []).append(found)
        return list(by.items())

    @property
    def unstated_rows(self) -> list[LedgerRow]:
        """Problems whose report says nothing of their rectification: no status, no outcome."""
        return [r for r in self.ledger if r.status == NO_STATUS and not r.outcomes]

    @property
    def unverified_rows(self) -> list[LedgerRow]:
        """Problems neither open nor unstated, yet not 已整改 with an outcome: to be checked."""
        return [
            r
            for r in self.ledger
            if r.status not in ("未整改", "整改中")
            and not (r.status == NO_STATUS and not r.outcomes)
            and not (r.status == "已整改" and r.outcomes)
        ]

    @property
    def all_rectified(self) -> bool:
        """Every problem is 已整改 with an outcome saying so: only then may a draft say
        "均已整改到位"."""
        return bool(self.ledger) and all(r.status == "已整改" and r.outcomes for r in self.ledger)

    def unit_for(self, row: Figure | Item | Finding) -> str:
        """The unit a row speaks for: its own unit_name, else its report's."""
        key = self.same_as.get(row.key, row.key)  # a copy speaks for the report it copies
        return row.unit_name or self.unit_of.get(key) or self.label(key)

    def label(self, key: Key) -> str:
        """The plain label of a report no unit is known for (:func:`unit_label`)."""
        return unit_label(None, key, self.file_no.get(key[0]))

    def quotes(self, finding: Finding) -> list[str]:
        """What a finding rests on, as the report wrote it: the evidence's own text, or for a long
        sentence only the clause the figure stands in (a 200-character quote hides the number)."""
        found = []
        for evidence in finding.evidence:
            text = evidence.text.strip()
            whole = self.texts.get(evidence.file or finding.file, "")
            if len(text) > QUOTE_MAX and 0 <= evidence.start < evidence.end <= len(whole):
                text = _clause_around(whole, evidence.start, evidence.end)
            if text:
                found.append(text)
        return list(dict.fromkeys(found))

    @property
    def top_errors(self) -> list[Finding]:
        """The error-level findings section 五 quotes: one per rule in turn, so each kind of
        error is shown, up to :data:`TOP_ERRORS`."""
        by_rule: dict[str, list[Finding]] = defaultdict(list)
        for finding in self.errors:
            by_rule[finding.rule].append(finding)
        picked: list[Finding] = []
        for turn in range(max((len(v) for v in by_rule.values()), default=0)):
            picked += [found[turn] for found in by_rule.values() if turn < len(found)]
            if len(picked) >= TOP_ERRORS:
                break
        return sorted(picked[:TOP_ERRORS], key=self.errors.index)

    @property
    def error_kinds(self) -> list[tuple[str, int]]:
        """Each rule's Chinese name with how many errors it found, the most first."""
        counts = Counter(rule_names().get(f.rule, "其他") for f in self.errors)
        return counts.most_common()

    @property
    def top_open(self) -> list[LedgerRow]:
        return self.open_rows[:TOP_OPEN]

    @property
    def attachment_rows(self) -> list[LedgerRow]:
        """The ledger rows the report's attachment prints (ledger.xlsx has them all)."""
        return self.ledger[:LEDGER_IN_REPORT]

    @property
    def attachments(self) -> list[str]:
        """The report's attachments in order: the ledger, the list of files when some report is
        named by its file's number, and the unread files when they are too many to name in the
        text."""
        return [
            "整改台账",
            *(["报告来源文件"] if self.numbered else []),
            *(["未能读取的文件"] if self.failed_listed else []),
        ]

    @property
    def failed_files(self) -> list[str]:
        return list(self.failed)

    @property
    def failed_listed(self) -> bool:
        """Whether the unread files are listed in an attachment (more than the text can name in
        one sentence), each with its reason."""
        return len(self.failed) > FAILED_IN_TEXT

    @property
    def failed_rows(self) -> list[tuple[str, str]]:
        """(file, reason) of each unread file, for the attachment."""
        return list(self.failed.items())

    def attachment(self, name: str) -> str:
        """``附件`` with the attachment's number when there are several (GB/T 9704-2012 7.3.4)."""
        if len(self.attachments) == 1:
            return "附件"
        return f"附件{self.attachments.index(name) + 1}"

    @property
    def numbered(self) -> bool:
        """Whether some report is named by its file's number, so 附件2 lists the files."""
        return any(source.unnamed for source in self.sources)

    def status_count(self, status: str) -> int:
        return sum(1 for row in self.ledger if row.status == status)


_CLAUSE_MARK = re.compile(r"[,;:。!?\n，；：！？]")


def _clause_around(text: str, start: int, end: int) -> str:
    """The clause of ``text`` holding ``[start, end)``."""
    before = max(
        (m.end() for m in _CLAUSE_MARK.finditer(text, max(0, start - 60), start)), default=0
    )
    after = _CLAUSE_MARK.search(text, end)
    return text[max(before, start - 60) : after.start() if after else len(text)].strip()


def _linked(item: Item, kind: str, by_index: dict[tuple[Key, str, int], Item]) -> tuple[str, ...]:
    texts = [
        by_index[(item.key, kind, ln.index)].text
        for ln in item.links
        if ln.kind == kind and (item.key, kind, ln.index) in by_index
    ]
    return tuple(dict.fromkeys(texts))


def _ledger(batch: Batch, unit_of: _Names) -> list[LedgerRow]:
    by_index: dict[tuple[Key, str, int], Item] = {(i.key, i.kind, i.index): i for i in batch.items}
    rows: list[LedgerRow] = []
    seen: set[tuple[str, str]] = set()
    for item in batch.items:
        unit = item.unit_name or unit_of.name(item.key)
        if item.kind != "problem" or (unit, item.text) in seen:
            continue
        seen.add((unit, item.text))
        rows.append(
            LedgerRow(
                seq=len(rows) + 1,
                unit=unit,
                category=item.category or "其他",
                problem=item.text,
                measures=_linked(item, "measure", by_index),
                outcomes=_linked(item, "outcome", by_index),
                status=item.status or NO_STATUS,
                owner=item.owner or "",
                deadline=item.deadline or "",
                file=item.file,
                page="" if item.page is None else str(item.page),
                start=item.start,
                end=item.end,
            )
        )
    return rows


def _figure_unit(figure: Figure, unit_of: _Names) -> str:
    return figure.unit_name or unit_of.name(figure.key)


def _latest(figures: list[Figure]) -> Figure:
    """The figure to show for a unit: the latest year, then the last mentioned."""
    return max(enumerate(figures), key=lambda p: (p[1].year or 0, p[0]))[1]


def _standards(batch: Batch) -> dict[tuple[str, str | None], tuple[str | None, float | None]]:
    found: dict[tuple[str, str | None], tuple[str | None, float | None]] = {}
    for figure in batch.figures:
        if figure.kind == "standard":
            found[(figure.indicator, figure.level)] = (figure.text, figure.value)
    for finding in batch.findings:
        if finding.rule == "below_standard" and finding.indicator:
            found[(finding.indicator, finding.level)] = (finding.standard, finding.expected)
    return found


def _table(batch: Batch, unit_of: _Names) -> tuple[list[Column], dict[str, dict]]:
    """指标汇总: one row per unit, one column per (indicator, level)."""
    standards = _standards(batch)
    grouped: dict[tuple[str, str | None], dict[str, list[Figure]]] = defaultdict(
        lambda: defaultdict(list)
    )
    units: dict[tuple[str, str | None], str] = {}
    for figure in batch.figures:
        if figure.kind == "actual":
            grouped[(figure.indicator, figure.level)][_figure_unit(figure, unit_of)].append(figure)
            units[(figure.indicator, figure.level)] = figure.unit
    below: dict[tuple[str, str | None], dict[str, Finding]] = defaultdict(dict)
    for finding in batch.findings:
        if finding.rule == "below_standard" and finding.indicator:
            unit = finding.unit_name or unit_of.name(finding.key)
            below[(finding.indicator, finding.level)][unit] = finding
            units.setdefault((finding.indicator, finding.level), "")
    order = {ind: n for n, ind in enumerate(HEADLINE)}
    keys = sorted(
        units,
        key=lambda k: (
            order.get(k[0], len(order)),
            k[0],
            level_order(k[1]),
        ),
    )
    columns = [Column(k[0], k[1], units[k], *standards.get(k, (None, None))) for k in keys]
    table: dict[str, dict[Column, Cell]] = defaultdict(dict)
    for column, key in zip(columns, keys, strict=True):
        for unit, figures in grouped.get(key, {}).items():
            table[unit][column] = Cell(_latest(figures), below[key].get(unit))
        for unit, finding in below[key].items():
            table[unit].setdefault(column, Cell(None, finding))
    return columns, dict(table)


def _indicator_statuses(
    columns: list[Column],
    table: dict[str, dict],
    computed: frozenset[tuple[str, str | None]] = frozenset(),
) -> list[IndicatorStatus]:
    """Section 二's line per column; the plain CV over the units only where no official 差异系数
    was computed for the (indicator, level) (``computed``): one report must not print two."""
    statuses = []
    for column in columns:
        cells = {unit: row[column] for unit, row in table.items() if column in row}
        values = [c.figure.value for c in cells.values() if c.figure is not None]
        cv = None
        if (
            (column.indicator, column.level) not in computed
            and len(values) >= MIN_UNITS_FOR_CV
            and statistics.fmean(values)
            and column.indicator.endswith(CV_INDICATORS)
        ):
            cv = statistics.pstdev(values) / statistics.fmean(values)
        statuses.append(
            IndicatorStatus(
                column=column,
                units=tuple(cells),
                failing=tuple(u for u, c in cells.items() if c.below is not None),
                minimum=min(values) if values else None,
                maximum=max(values) if values else None,
                cv=cv,
            )
        )
    return statuses


def _group_problems(rows: list[LedgerRow]) -> list[ProblemGroup]:
    """Problems whose texts are :data:`SAME_PROBLEM` alike (:func:`junheng.core.text.dice`) as
    one group, the first text standing for it. Each text's bigrams are counted once, and a group
    whose text is too short or too long to reach the threshold is not compared at all."""
    groups: list[tuple[str, Counter[str], int, list[str]]] = []
    for row in rows:
        grams = bigrams(row.problem)
        counted, size = Counter(grams), len(grams)
        for _text, other, other_size, units in groups:
            if (
                not size
                or not other_size
                or min(size, other_size) * (2 - SAME_PROBLEM)
                < (SAME_PROBLEM * max(size, other_size))
            ):
                continue  # Dice ≤ 2·min/(min+max): below the threshold whatever they share
            if 2 * sum((counted & other).values()) / (size + other_size) >= SAME_PROBLEM:
                units.append(row.unit)
                break
        else:
            groups.append((row.problem, counted, size, [row.unit]))
    return [
        ProblemGroup(text, tuple(dict.fromkeys(units)), len(units)) for text, _, _, units in groups
    ]


def _most_first(groups: list[ProblemGroup]) -> tuple[ProblemGroup, ...]:
    """Groups by how often they were reported, the first reported first among equals."""
    return tuple(sorted(groups, key=lambda g: -g.count))


def _group_texts(items: list[Item], names: _Names) -> tuple[ProblemGroup, ...]:
    """Measures or outcomes grouped like problems (:func:`_group_problems`), most reported first."""
    rows = [
        LedgerRow(0, i.unit_name or names.name(i.key), "", i.text, (), (), "", "", "", "", "", 0, 0)
        for i in items
    ]
    return _most_first(_group_problems(rows))


def _categories(batch: Batch, ledger: list[LedgerRow], names: _Names) -> list[Category]:
    result = []
    for name in CATEGORIES:
        rows = [r for r in ledger if r.category == name]
        if not rows:
            continue
        items = [i for i in batch.items if i.category == name]
        statuses = Counter(r.status for r in rows)
        result.append(
            Category(
                name=name,
                problems=_most_first(_group_problems(rows)),
                problem_count=len(rows),
                units=tuple(dict.fromkeys(r.unit for r in rows)),
                statuses={s: statuses.get(s, 0) for s in (*STATUSES, NO_STATUS)},
                measures=tuple(dict.fromkeys(i.text for i in items if i.kind == "measure")),
                outcomes=tuple(dict.fromkeys(i.text for i in items if i.kind == "outcome")),
                measure_groups=_group_texts([i for i in items if i.kind == "measure"], names),
                outcome_groups=_group_texts([i for i in items if i.kind == "outcome"], names),
            )
        )
    return result


def _report_year(report: Report) -> int | None:
    """The year a report speaks of: its date's, else the latest year it mentions."""
    if report.date and report.date[:4].isdigit():
        return int(report.date[:4])
    return max(report.years) if report.years else None


def file_numbers(batch: Batch) -> dict[str, int]:
    """The number of each file whose reports are counted, in input order (``文件N``): a copy in
    another form changes no number, so a batch with copies drafts as the batch without them."""
    counted = {r.file for r in batch.reports}
    order = [str(i.get("file")) for i in batch.inputs if i.get("file") in counted]
    order += [r.file for r in batch.reports]
    return {file: n for n, file in enumerate(dict.fromkeys(order), 1)}


def file_labels(batch: Batch) -> dict[str, str]:
    """How the drafts call each input file where a message names one: ``文件N`` (a copy by the
    number of the file it copies), else its name without folder, hash or extension."""
    numbers = file_numbers(batch)
    labels = {file: f"文件{n}" for file, n in numbers.items()}
    for key, canonical in batch.copies.of.items():
        if key[0] not in labels and canonical[0] in numbers:
            labels[key[0]] = labels[canonical[0]]
    for entry in batch.inputs:
        name = str(entry.get("file") or "")
        if name and name not in labels:
            labels[name] = _plain_file(name)
    return labels


class _Names:
    """Each report's unit (:func:`unit_label`), and the number of each input file."""

    def __init__(self, batch: Batch) -> None:
        self.file_no = file_numbers(batch)
        self.of = {r.key: unit_label(r, r.key, self.file_no.get(r.file)) for r in batch.reports}
        self.unnamed = {r.key for r in batch.reports if not named_unit(r)}

    def name(self, key: Key) -> str:
        return self.of.get(key) or unit_label(None, key, self.file_no.get(key[0]))


def _sources(batch: Batch, names: _Names) -> list[Source]:
    """Every input file with its number, its reports and those of them no unit is known for."""
    reports: Counter[str] = Counter(r.file for r in batch.reports)
    unnamed: Counter[str] = Counter(key[0] for key in names.unnamed)
    return [
        Source(n, file, reports.get(file, 0), unnamed.get(file, 0))
        for file, n in names.file_no.items()
    ]


def school_coefficients(batch: Batch, profile: Profile | None = None) -> list[Assessment]:
    """The 差异系数 of the batch's schools per county and level under ``profile``'s CV rules
    (default: the default profile); none when no figure comes from a table's school row."""
    if not any(f.school for f in batch.figures):
        return []
    return assess(batch.figures, profile or load_profile())


def summarise(batch: Batch, profile: Profile | None = None) -> Summary:
    """Digest a batch for the drafts (``profile``: the standards the batch was checked with,
    for the 差异系数; default: the default profile)."""
    names = _Names(batch)
    coefficients = school_coefficients(batch, profile)
    computed = frozenset((c.indicator, a.level) for a in coefficients for c in a.coefficients)
    unit_of = names.of
    ledger = _ledger(batch, names)
    columns, table = _table(batch, names)
    headline = []  # per indicator and level: every unit's latest figure, summed up in one row
    for column in sorted(
        (c for c in columns if c.indicator in HEADLINE), key=lambda c: HEADLINE.index(c.indicator)
    ):
        cells = [(unit, row[column].figure) for unit, row in table.items() if column in row]
        cells = [(unit, figure) for unit, figure in cells if figure is not None]
        if cells:
            headline.append((column, cells))
    years = sorted({y for r in batch.reports if (y := _report_year(r)) is not None})
    files = {r.file for r in batch.reports} | {i.get("file") for i in batch.inputs}
    return Summary(
        reports=list(batch.reports),
        units=list(dict.fromkeys(unit_of[r.key] for r in batch.reports if named_unit(r))),
        unnamed=len(names.unnamed),
        files=len(files - {None}),
        failed={
            i["file"]: str(i.get("error") or "")
            for i in batch.inputs
            if i.get("status") in ("failed", "skipped")
        },
        years=years,
        ledger=ledger,
        headline=headline,
        columns=columns,
        table=table,
        indicators=_indicator_statuses(columns, table, computed),
        categories=_categories(batch, ledger, names),
        errors=[f for f in batch.findings if f.severity == "error"],
        severities=dict(Counter(f.severity for f in batch.findings)),
        open_rows=[r for r in ledger if r.status in ("未整改", "整改中")],
        unit_of=unit_of,
        texts=batch.texts,
        duplicates=batch.copies.count,
        copies=batch.copies.sources(),
        same_as=batch.copies.of,
        file_no=names.file_no,
        sources=_sources(batch, names),
        coefficients=coefficients,
    )
