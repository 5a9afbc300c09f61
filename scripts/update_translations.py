"""Refresh the English catalogue: collect every `tr("…")` of desktop/ui into resources/i18n/planprogress_en.ts
(keeping the translations already there), then compile planprogress_en.qm with pyside6-lrelease.

usage: python scripts/update_translations.py [--check]

The source strings are the Chinese texts the program shows; one context ("planprogress") for all of them,
as desktop.ui.i18n.tr uses. Strings that lost their last use are dropped; new ones come in unfinished (Qt
then shows the Chinese). `--check` only reports how many are untranslated and exits 1 if any are.
Translate in Qt Linguist (pyside6-linguist resources/i18n/planprogress_en.ts) or any editor.
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "desktop" / "ui"
TS = REPO / "resources" / "i18n" / "planprogress_en.ts"
QM = TS.with_suffix(".qm")
CONTEXT = "planprogress"


def collect() -> dict[str, tuple[str, int]]:
    """Every literal passed to tr(), with the first place it appears."""
    found: dict[str, tuple[str, int]] = {}
    for path in sorted(SOURCES.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("tr", "tr_noop")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(node.args[0].value, (str(path.relative_to(REPO)), node.lineno))
    for word, where in domain_words():
        found.setdefault(word, (where, 1))
    return found


def domain_words() -> list[tuple[str, str]]:
    """Names the domain and services layers define in Chinese (they cannot import Qt) and the GUI passes to tr()."""
    sys.path.insert(0, str(REPO))
    from desktop.domain.health import Light
    from desktop.domain.model import ItemKind
    from desktop.domain.status import ReviewState, Role, Status
    from desktop.services.bundle.format import Outcome
    from desktop.services.office import indicator_lines
    from desktop.services.operations.undo import UNDO_LABELS

    words = [(s.value, "desktop/domain/status.py") for s in Status]
    words += [(r.value, "desktop/domain/status.py") for r in Role]
    words += [(r.label, "desktop/domain/status.py") for r in ReviewState]
    words += [(light.label, "desktop/domain/health.py") for light in Light]
    words += [(k.label, "desktop/domain/model.py") for k in ItemKind]
    words += [(o.label, "desktop/services/bundle/format.py") for o in Outcome]
    words += [(label, "desktop/services/operations/undo.py") for label in UNDO_LABELS]
    words += [(w, "desktop/services/office/indicator_lines.py") for w in indicator_lines.WORDS]
    words += [(o.value, "desktop/services/office/indicator_lines.py") for o in indicator_lines.Outcome]
    return words


def existing() -> dict[str, str]:
    if not TS.is_file():
        return {}
    done: dict[str, str] = {}
    for message in ET.parse(TS).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is not None and translation.get("type") not in ("unfinished", "obsolete") and translation.text:
            done[source] = translation.text
    return done


def write(strings: dict[str, tuple[str, int]], translations: dict[str, str]) -> int:
    root = ET.Element("TS", version="2.1", language="en_GB", sourcelanguage="zh_CN")
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    missing = 0
    for source in sorted(strings, key=lambda s: strings[s]):
        filename, line = strings[source]
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "location", filename=f"../../{filename}", line=str(line))
        ET.SubElement(message, "source").text = source
        translation = ET.SubElement(message, "translation")
        if source in translations:
            translation.text = translations[source]
        else:
            translation.set("type", "unfinished")
            missing += 1
    ET.indent(root)
    TS.parent.mkdir(parents=True, exist_ok=True)
    TS.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + ET.tostring(root, encoding="unicode") + "\n"
    )
    return missing


def compile_qm() -> None:
    lrelease = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
    subprocess.run([lrelease, "-silent", str(TS), "-qm", str(QM)], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report untranslated strings, change nothing")
    args = parser.parse_args()
    strings, translations = collect(), existing()
    if args.check:
        missing = [s for s in strings if s not in translations]
        print(f"{len(strings)} strings, {len(missing)} untranslated")
        for source in missing[:40]:
            print(f"  {strings[source][0]}:{strings[source][1]}  {source!r}")
        return 1 if missing else 0
    missing = write(strings, translations)
    compile_qm()
    print(f"{TS.relative_to(REPO)}: {len(strings)} strings, {len(strings) - missing} translated; {QM.name} compiled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
