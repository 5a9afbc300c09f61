"""What the unit says of itself (`planprogress status --json`) and what the office says of it (its entry in
`province status --json`) are the same figures, over random histories carried by real bundles.

A history mixes month, quarter and year entries, measures under tasks, corrections, deleted entries and
measures, and (with a reviewer) periods approved, reopened or never approved, so review holds some back. After
the last export and import, for a month, a quarter and a year view: the unit's `reported_percent` and
`reported_lights` equal the office's figures always, its own `percent` and `lights` whenever nothing is held
back; and the unit's window (its overview) shows its own figures.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from desktop.domain.catalog import Catalog
from desktop.domain.errors import PlanProgressError
from desktop.domain.health import Light
from desktop.domain.status import Role, Status
from desktop.store import Store
from tests.core.bundle.conftest import OFFICE_PASSPHRASE, OfficeKeys, accept, enroll, export, make_office, make_unit
from tests.core.conftest import CliResult

TODAY = dt.date(2026, 12, 10)
# Dense where periods end together (December, the fourth quarter and the year), where the rule has to choose.
PERIODS = ["2025", "2025-Q4", "2025-12", "2026-03", "2026-05", "2026-06", "2026-Q2", "2026-11", "2026-12", "2026-Q4",
           "2026", "2027-01"]  # fmt: skip
MONTHS = ["2025-12", "2026-06", "2026-11", "2026-12"]
QUARTERS = ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q4"]
YEARS = ["2025", "2026"]
TASKS = 3  # the first two tasks of the first project and the first of the second
MEASURE_SLOTS = 4

Step = tuple[Any, ...]
steps = st.one_of(
    st.tuples(st.just("progress"), st.integers(0, TASKS + MEASURE_SLOTS - 1), st.sampled_from(PERIODS),
              st.integers(0, 100), st.booleans(), st.booleans()),
    st.tuples(st.just("delete"), st.integers(0, TASKS + MEASURE_SLOTS - 1), st.sampled_from(PERIODS)),
    st.tuples(st.just("measure"), st.integers(0, MEASURE_SLOTS - 1), st.integers(0, TASKS - 1)),
    st.tuples(st.just("drop"), st.integers(0, MEASURE_SLOTS - 1)),
    st.tuples(st.just("milestone"), st.integers(0, TASKS - 1), st.sampled_from(["2026-11-30", "2027-06-30"]),
              st.booleans()),
    st.tuples(st.just("approve"), st.sampled_from(PERIODS)),
    st.tuples(st.just("reopen"), st.sampled_from(PERIODS)),
    st.tuples(st.just("export")),
)  # fmt: skip


class StepClock:
    """A second later at every write, or the same second when `hold` is set (entries tie on updated_at)."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
        self.hold = False

    def __call__(self) -> dt.datetime:
        if not self.hold:
            self.now += dt.timedelta(seconds=1)
        return self.now


class World:
    """The unit's side of a history; edits are refused (locked periods, a measure still in use) as they are
    for a clerk, and skipped."""

    def __init__(self, unit: Store, clock: StepClock) -> None:
        self.unit = unit
        self.clock = clock
        tasks = unit.plan.tasks()
        self.tasks = [tasks[0].id, tasks[1].id, next(t.id for t in tasks if t.project == 2)]
        self.measures: list[int | None] = [None] * MEASURE_SLOTS

    def item(self, index: int) -> int | None:
        return self.tasks[index] if index < TASKS else self.measures[index - TASKS]

    def apply(self, step: Step) -> None:
        unit, kind = self.unit, step[0]
        try:
            if kind == "progress":
                item, period, percent, lagging = self.item(step[1]), step[2], step[3], step[4]
                self.clock.hold = step[5]
                if item is not None:
                    status = Status.DONE if percent == 100 else Status.LAGGING if lagging else Status.IN_PROGRESS
                    unit.progress.record(item, period, status, percent, f"第{percent}次")
            elif kind == "delete" and (item := self.item(step[1])) is not None:
                unit.progress.delete(item, step[2])
            elif kind == "measure" and self.measures[step[1]] is None:
                self.measures[step[1]] = unit.measures.add(self.tasks[step[2]], f"措施{step[1]}").id
            elif kind == "drop" and (measure := self.measures[step[1]]) is not None:
                for entry in unit.progress.find(item_id=measure):
                    unit.progress.delete(measure, entry.period)
                unit.measures.delete(measure)
                self.measures[step[1]] = None
            elif kind == "milestone":
                milestone = unit.milestones.add(self.tasks[step[1]], "节点", dt.date.fromisoformat(step[2]))
                if step[3]:
                    unit.milestones.mark_done(milestone.id, dt.date(2026, 10, 1))
            elif kind == "approve" and unit.users.has_active_reviewer():
                if unit.reviews.get(step[1]).state.value == "draft":
                    unit.reviews.submit(step[1])
                unit.reviews.approve(step[1])
            elif kind == "reopen" and unit.reviews.is_locked(step[1]):
                unit.reviews.reopen(step[1], "更正")
        except PlanProgressError:
            pass  # refused as it would be for a clerk (a locked period, a measure still in use)
        finally:
            self.clock.hold = False


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("agree")


def _json(result: CliResult) -> Any:
    assert result.code == 0, result.err
    return json.loads(result.out)


@example(  # a quarter entered before a month of it: the quarter's own entry is what both show for the quarter
    history=[("progress", 0, "2026-Q4", 60, False, False), ("progress", 0, "2026-12", 90, False, False)],
    review=False,
    views=("2026-12", "2026-Q4", "2026"),
)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    history=st.lists(steps, min_size=4, max_size=30),
    review=st.booleans(),
    views=st.tuples(st.sampled_from(MONTHS), st.sampled_from(QUARTERS), st.sampled_from(YEARS)),
)
def test_the_unit_and_the_office_show_the_same_figures(
    workdir: Path,
    catalog: Catalog,
    office_keys: OfficeKeys,
    cli: Callable[..., CliResult],
    monkeypatch: pytest.MonkeyPatch,
    history: list[Step],
    review: bool,
    views: tuple[str, str, str],
) -> None:
    monkeypatch.setenv("PLANPROGRESS_PASSPHRASE", OFFICE_PASSPHRASE)
    clock = StepClock()
    for folder in workdir.iterdir():
        shutil.rmtree(folder)
    with (
        make_office(workdir / "office", catalog, office_keys) as office,
        make_unit(workdir / "unit", catalog, "GD-T01", office_keys.folder / "office.pub", clock=clock) as unit,
    ):
        enroll(office, unit)
        if review:
            unit.users.add("审核员", Role.REVIEWER, "审核 口令 2026", "审核员丙")
        world = World(unit, clock)
        sticks = iter(workdir / f"stick{n}" for n in range(len(history) + 1))
        for step in [*history, ("export",)]:
            if step[0] == "export":
                accept(office, office_keys.identity, export(unit, next(sticks)).path)
            else:
                world.apply(step)
        overview = {period: unit.overview(period, TODAY) for period in views}

    today = ["--today", TODAY.isoformat()]
    for period in views:
        own = _json(cli("--json", "status", "--period", period, *today, home_dir=workdir / "unit"))
        province = _json(cli("--json", "province", "status", "--period", period, *today, home_dir=workdir / "office"))
        [entry] = province["units"]
        assert [(p["number"], p["name"], p["reported_percent"]) for p in own["projects"]] == [
            (p["number"], p["name"], p["percent"]) for p in entry["projects"]
        ], period
        assert own["reported_lights"] == entry["lights"], period
        assert not own["unsent"]  # everything not held back went with the last bundle
        if not own["held_periods"]:
            assert [p["percent"] for p in own["projects"]] == [p["percent"] for p in entry["projects"]], period
            assert own["lights"] == entry["lights"], period
        window = overview[period]
        assert [p["percent"] for p in own["projects"]] == [v.percent for v in window], period
        assert own["lights"] == {light.name.lower(): sum(v.lights[light] for v in window) for light in Light}, period
