"""The export preview without Qt: what the next bundle carries and how big it is, with nothing written or
logged; and the tidy-up of a stopped export's half-written folder."""

from __future__ import annotations

from pathlib import Path

from desktop.services.bundle.preview import earlier_bundles, preview_export, readiness, remove_unfinished
from desktop.store import Store
from desktop.store.exports import ExportRepo

from .conftest import add_work, export, only_bundle


def test_preview_matches_the_export_it_announces(unit: Store, stick: Path, tmp_path: Path) -> None:
    add_work(unit, tmp_path)
    rows = unit.audit.count()
    preview = preview_export(unit)
    assert (preview.seq, preview.kind, preview.resend) == (1, "full", False)
    assert preview.evidence == 1 and preview.evidence_bytes > 2048 and preview.records >= 3
    assert preview.required > preview.size
    assert unit.audit.count() == rows and earlier_bundles(unit) == []  # nothing logged by a preview
    result = export(unit, stick)
    bundle = only_bundle(stick)
    written = sum(p.stat().st_size for p in bundle.iterdir())
    assert result.seq == preview.seq
    assert abs(written - preview.size) <= 20 * 1024  # the estimate allows for the small files
    assert preview.size >= written - 1024


def test_preview_of_a_resend_and_the_next_delta(unit: Store, stick: Path, tmp_path: Path) -> None:
    add_work(unit, tmp_path)
    export(unit, stick)
    assert [b.seq for b in earlier_bundles(unit)] == [1]
    again = preview_export(unit, resend=1)
    assert (again.seq, again.resend) == (1, True)
    nothing_new = preview_export(unit)
    assert (nothing_new.seq, nothing_new.kind, nothing_new.evidence) == (2, "delta", 0)


def test_readiness_names_what_is_missing(unit: Store) -> None:
    assert readiness(unit.home).problems == ()
    (unit.home.keys / "office.pub").unlink()
    problems = readiness(unit.home).problems
    assert len(problems) == 1 and "还没有导入省局公钥" in problems[0]


def test_remove_unfinished_only_tidies_a_run_that_did_not_finish(unit: Store, stick: Path, tmp_path: Path) -> None:
    add_work(unit, tmp_path)
    leftover = stick / ".PB-GD-T01-000001.1234.partial"
    leftover.mkdir()
    (leftover / "payload.tar.age").write_bytes(b"half")
    assert remove_unfinished(unit, stick, 1, resend=False) == [leftover]
    assert not leftover.exists()
    export(unit, stick)
    assert ExportRepo(unit.database, unit.audit).last() is not None
    logged = stick / ".PB-GD-T01-000001.5678.partial"
    logged.mkdir()
    assert remove_unfinished(unit, stick, 1, resend=False) == []  # logged: complete, kept for its rename
    assert logged.exists()
