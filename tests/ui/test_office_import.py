"""Importing at the office through the wizard: the real CLI as a child process, real keys, real bundles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.services.office.sources import bundles_in
from desktop.store import Store
from desktop.store.office import OfficeRepo
from desktop.ui.export.targets import describe
from desktop.ui.office.import_wizard import RESULT, RUN, SOURCE, ImportWizard
from desktop.ui.office.intake_lines import intake_columns
from desktop.ui.session import Session

from .bundle_support import OFFICE_ADMIN, OFFICE_PASSPHRASE, OfficeScene, build_scene, make_office
from .conftest import PASSWORD, TODAY


@pytest.fixture(scope="module")
def office_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_office(tmp_path_factory.mktemp("template") / "office", PASSWORD)


@pytest.fixture
def scene(tmp_path: Path, office_template: Path, catalog) -> OfficeScene:
    return build_scene(tmp_path, office_template, catalog, PASSWORD)


@pytest.fixture
def office(scene: OfficeScene) -> Iterator[Session]:
    with Store.open(scene.root, OFFICE_ADMIN) as store:
        yield Session(store, store.users.get(OFFICE_ADMIN), today=lambda: TODAY)


def _wizard(qtbot, session: Session, folder: Path) -> ImportWizard:
    wizard = ImportWizard(session, targets=lambda: [describe(folder, "U盘")])
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _run(qtbot, wizard: ImportWizard, passphrase: str = OFFICE_PASSPHRASE) -> None:
    wizard.source.passphrase.setText(passphrase)
    assert wizard.source.isComplete()
    wizard.next()
    assert wizard.currentId() == RUN
    qtbot.waitUntil(lambda: wizard.run_page.state != "running", timeout=120000)


def test_import_shows_accepted_and_each_rejection_with_its_reason(qtbot, scene: OfficeScene, office: Session) -> None:
    changes = []
    office.changed.connect(lambda change, _initiator: changes.append(change))
    wizard = _wizard(qtbot, office, scene.stick)
    assert wizard.currentId() == SOURCE
    # the one stick is chosen by itself, and what is on it is listed
    assert [p.name for p in wizard.source.bundles] == ["PB-GD-GZ01-000001", "PB-GD-XX99-000001"]
    assert "2 个" in wizard.source.found.text()
    assert not wizard.source.isComplete()  # no passphrase yet
    _run(qtbot, wizard)
    assert wizard.run_page.state == "done", wizard.run_page.error
    assert wizard.currentId() == RESULT
    lines = {line.name: line for line in wizard.lines}
    assert lines["PB-GD-GZ01-000001"].outcome == "accepted" and lines["PB-GD-GZ01-000001"].ok
    rejected = lines["PB-GD-XX99-000001"]
    assert rejected.outcome == "unknown_unit" and not rejected.ok
    assert "未在省局登记" in rejected.message and "province enroll" in rejected.message
    assert "“登记单位公钥”" in rejected.message  # the window's way, named as the button and menu say it
    assert "--unit-code GD-XX99" in rejected.message and "\n" not in rejected.message
    page = wizard.result_page
    shown = [page.model.index(row, 3).data() for row in range(page.model.rowCount())]
    assert shown == ["已接收", "拒收：未登记的单位"]
    assert "未在省局登记" in page.model.index(1, 4).data()
    assert "登记单位公钥" in page.model.index(1, 4).data()  # the result line says what to do in the window
    page.table.selectRow(1)
    assert rejected.message in page.detail.text()
    assert "1 个未接收" in page.summary.text()
    assert changes  # the overview refreshes
    repo = OfficeRepo(office.store.database, office.store.audit)
    assert repo.unit("GD-GZ01").last_seq == 1
    assert [(q.name, q.outcome) for q in repo.quarantined()] == [("PB-GD-XX99-000001", "unknown_unit")]


def test_tampered_bundle_is_rejected_with_its_reason_and_changes_nothing(
    qtbot, scene: OfficeScene, office: Session
) -> None:
    wizard = _wizard(qtbot, office, scene.stick)
    wizard.source.choose(scene.tampered)  # "其他文件夹…": the bundle folder itself
    assert [p.name for p in wizard.source.bundles] == ["PB-GD-GZ01-000001"]
    _run(qtbot, wizard)
    assert wizard.run_page.state == "done"
    [line] = wizard.lines
    assert line.outcome == "damaged" and line.label == "拒收：数据包已损坏"
    assert line.part and line.part.startswith("payload.tar.age")
    assert "payload.tar.age" in wizard.result_page.model.index(0, 4).data()
    assert "0 个已接收" in wizard.result_page.summary.text()
    wizard.result_page.table.selectRow(0)
    assert line.message in wizard.result_page.detail.text()
    assert OfficeRepo(office.store.database, office.store.audit).unit("GD-GZ01").last_seq == 0
    # the real one still goes in afterwards
    again = _wizard(qtbot, office, scene.stick)
    _run(qtbot, again)
    assert {line.name: line.outcome for line in again.lines}["PB-GD-GZ01-000001"] == "accepted"


def test_wrong_passphrase_imports_nothing_and_asks_again(qtbot, scene: OfficeScene, office: Session) -> None:
    wizard = _wizard(qtbot, office, scene.stick)
    _run(qtbot, wizard, "not the passphrase")
    page = wizard.run_page
    assert page.state == "failed" and "口令不正确" in page.error
    assert page.messages.kind == "error" and page.messages.text().count("口令不正确") == 1
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert "省局数据未改动" in page.messages.text()
    assert OfficeRepo(office.store.database, office.store.audit).unit("GD-GZ01").last_seq == 0
    assert page.passphrase.isVisibleTo(wizard)
    page.passphrase.setText(OFFICE_PASSPHRASE)
    page.retry_button.click()
    qtbot.waitUntil(lambda: page.state != "running", timeout=120000)
    assert page.state == "done" and wizard.currentId() == RESULT


def test_finding_bundles_on_a_stick(scene: OfficeScene, tmp_path: Path) -> None:
    assert [p.name for p in bundles_in(scene.stick)] == ["PB-GD-GZ01-000001", "PB-GD-XX99-000001"]
    assert bundles_in(scene.bundle) == [scene.bundle]
    assert bundles_in(tmp_path / "没有这个U盘") == []
    (tmp_path / "空U盘").mkdir()
    assert bundles_in(tmp_path / "空U盘") == []


@pytest.mark.parametrize(
    ("folder", "said"),
    [
        ("空U盘", "里没有数据包（PB-单位代码-序号 文件夹）：请确认插入的是单位交来的U盘。"),
        (
            "回执U盘/PO-GD-GZ01-000001",
            "是省局写给单位的回执U盘（PO-…），不是单位的数据包：请交给单位用 planprogress receive 导入。",
        ),
    ],
)
def test_a_stick_without_bundles_cannot_be_imported_and_says_why(
    qtbot, office: Session, tmp_path: Path, folder: str, said: str
) -> None:
    (tmp_path / folder).mkdir(parents=True)
    stick = tmp_path / folder.split("/")[0]
    wizard = _wizard(qtbot, office, stick)
    qtbot.keyClicks(wizard.source.passphrase, "typed-passphrase")
    assert wizard.source.found.text() == f"{stick} {said}"
    assert not wizard.source.isComplete() and wizard.currentId() == SOURCE
    assert not OfficeRepo(office.store.database, office.store.audit).intake_log(None, 10)


def test_result_lines_pass_the_model_tester(qtbot, qtmodeltester, scene: OfficeScene, office: Session) -> None:
    wizard = _wizard(qtbot, office, scene.stick)
    _run(qtbot, wizard)
    qtmodeltester.check(wizard.result_page.model)
    assert wizard.result_page.model.columnCount() == len(intake_columns())
