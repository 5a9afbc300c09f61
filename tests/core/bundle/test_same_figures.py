"""The office shows exactly what the unit shows for the same unit and period: an item shows the viewed period's
own entry, else the latest entry whose period ended by the viewed period's end (newest end, then newest update).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.domain.catalog import Catalog
from desktop.domain.status import Status
from desktop.services.office.status import province_status
from desktop.services.office.unit_view import build_unit_view
from desktop.store import Store
from tests.core.bundle.conftest import OfficeKeys, accept, enroll, export, make_unit

TODAY = dt.date(2027, 1, 20)


class Ticking:
    """A clock a second later at every write, so "entered later" is later in the records too."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 20, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


def test_a_quarter_entered_before_a_month_of_it_shows_the_quarters_own_figure_at_both_ends(
    office: Store, tmp_path: Path, catalog: Catalog, office_keys: OfficeKeys
) -> None:
    with make_unit(tmp_path / "unit", catalog, "GD-T01", office_keys.folder / "office.pub", clock=Ticking()) as unit:
        task = unit.plan.tasks()[0]
        unit.progress.record(task.id, "2026-Q4", Status.IN_PROGRESS, 60)  # the quarter first
        unit.progress.record(task.id, "2026-12", Status.IN_PROGRESS, 90)  # then December, later
        enroll(office, unit)
        accept(office, office_keys.identity, export(unit, tmp_path / "stick").path)
        for period in ("2026-Q4", "2026-12", "2026"):
            [first_project, *_] = unit.overview(period, TODAY)
            [entry] = province_status(office, period, TODAY).units
            drill = build_unit_view(office, "GD-T01", period, TODAY, office.settings.thresholds())
            assert entry.projects[0].percent == first_project.percent, period
            assert drill.tasks[0].percent == first_project.tasks[0].percent, period
        assert unit.overview("2026-Q4", TODAY)[0].tasks[0].percent == 60
        assert build_unit_view(office, "GD-T01", "2026-Q4", TODAY, office.settings.thresholds()).tasks[0].percent == 60
