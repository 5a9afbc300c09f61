"""逐项填报 on a large unit: reading the rows of a period (1,350 measures and their tasks, a year of quarterly
history) and showing them in the grid's model and view.

usage: QT_QPA_PLATFORM=offscreen python bench/period_grid_bench.py [--repeat 5]

The store is bench/startup_bench.py's large home plus three earlier quarters of every measure's progress.
Prints the median time of desktop.services.period_sheet.period_sheet (run in a worker thread by the window,
so the GUI stays responsive however long it takes) and of putting the rows into the model and painting once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication
    from startup_bench import build_large_home

    from desktop.domain.periods import PeriodKind, current_period
    from desktop.domain.status import Status
    from desktop.services.period_sheet import period_sheet
    from desktop.store import Store
    from desktop.ui.models.period_grid import PeriodGridModel
    from desktop.ui.widgets.period_grid_view import PeriodGridView

    app = QApplication.instance() or QApplication([])
    root = Path(tempfile.mkdtemp(prefix="pp-grid-bench-")) / "home"
    build_large_home(root)
    period = current_period(PeriodKind.QUARTER, dt.date.today())
    with Store.open(root, "admin") as store:
        earlier = [f"{period.year - 1}-Q{q}" for q in (2, 3, 4)]
        with store.database.transaction():
            for measure in store.measures.find():
                for code in earlier:
                    store.progress.record(measure.id, code, Status.IN_PROGRESS, 40, f"{code} 的进展说明")
        entries = len(store.progress.find())
        reads, shows = [], []
        rows = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            rows = period_sheet(store, period)
            reads.append(time.perf_counter() - start)
            model = PeriodGridModel(lambda *_a: (None, "bench"))
            view = PeriodGridView()
            view.setModel(model)
            view.resize(1300, 800)
            start = time.perf_counter()
            model.set_rows(rows, True)
            view.show()
            view.grab()
            app.processEvents()
            shows.append(time.perf_counter() - start)
            view.close()
    print(f"{len(rows)} rows, {entries} progress entries")
    print(f"period_sheet (worker thread): median {statistics.median(reads) * 1000:.0f} ms")
    print(f"model + first paint (GUI thread): median {statistics.median(shows) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
