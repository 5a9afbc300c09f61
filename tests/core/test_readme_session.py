"""The README's command-line session, run as printed and compared with the output it shows.

The test reads the ```console block under "A short command-line session" in README.md: each `$ ` line is
run by bash in one shell (so `export` carries over), and the lines after it are the output the reader
should see. Only what differs from machine to machine is masked: the home's absolute path and the hash
prefix of the reader's own file. `planprogress` is a shell function for `python -m desktop` here, so the
test runs from a checkout without installing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.core.conftest import REPO

README = REPO / "README.md"
SECTION = "## A short command-line session"
EVIDENCE_NAME = "会议 纪要（第一期）.pdf"
MARK = "@@readme-step@@"


@dataclass(frozen=True)
class Step:
    command: str
    expected: list[str]


def readme_session() -> list[Step]:
    text = README.read_text(encoding="utf-8")
    assert SECTION in text, f"README.md has no '{SECTION}' section"
    block = re.search(r"```console\n(.*?)```", text[text.index(SECTION) :], re.DOTALL)
    assert block, "the session section has no ```console block"
    steps: list[Step] = []
    for line in block.group(1).splitlines():
        if line.startswith("$ "):
            steps.append(Step(line[2:], []))
        else:
            assert steps, "output before the first command"
            steps[-1].expected.append(line)
    return steps


def _normal(lines: list[str], home: str) -> list[str]:
    out = []
    for line in lines:
        line = line.replace(home, "<home>")
        line = re.sub(r"/\S*/planprogress-demo", "<home>", line)
        line = re.sub(r"sha256 [0-9a-f]{12}", "sha256 <hash>", line)
        line = re.sub(r"密钥编号：[0-9A-F]{16}", "密钥编号：<key>", line)  # a new key each run
        out.append(line.rstrip())
    return out


def test_the_session_shows_every_everyday_command() -> None:
    commands = [s.command for s in readme_session()]
    for needed in (
        "init",
        "measure add",
        "milestone add",
        "progress",
        "evidence add",
        "evidence verify",
        "audit verify",
    ):
        assert any(c.startswith(f"planprogress {needed}") for c in commands), needed
    assert any(EVIDENCE_NAME in c for c in commands)


def test_the_readme_session_works_as_printed(tmp_path: Path) -> None:
    steps = readme_session()
    (tmp_path / EVIDENCE_NAME).write_bytes(b"%PDF-1.4\n% minutes of the first training session\n")
    script = [f'planprogress() {{ "{sys.executable}" -m desktop "$@"; }}']
    for number, step in enumerate(steps):
        script += [f"echo '{MARK} {number}'", step.command]
    env = {**os.environ, "HOME": str(tmp_path), "PYTHONPATH": str(REPO), "USER": "clerk"}
    env.pop("PLANPROGRESS_HOME", None)
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", "\n".join(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    chunks = re.split(rf"^{MARK} \d+\n", result.stdout, flags=re.MULTILINE)[1:]
    assert len(chunks) == len(steps)
    home = str(tmp_path / "planprogress-demo")
    for step, chunk in zip(steps, chunks, strict=True):
        assert _normal(chunk.splitlines(), home) == _normal(step.expected, home), step.command
    assert (tmp_path / "planprogress-demo" / "planprogress.sqlite").is_file()
