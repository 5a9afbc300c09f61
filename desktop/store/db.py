"""Opening, creating and migrating the SQLite file. The only place that runs schema SQL."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import paths
from desktop.domain.errors import StoreError
from desktop.store.files import fsync_dir

DB_FILENAME = "planprogress.sqlite"
# Marks the file as ours in the SQLite header ("PPRG"), so a foreign SQLite file is told apart.
APPLICATION_ID = 0x50505247

# Raised by SQLite for a damaged or unusable file; the CLI's last line of defence catches it
# under this name, so nothing outside the store imports sqlite3.
DatabaseFault = sqlite3.DatabaseError

if TYPE_CHECKING:
    import sqlite_utils

Clock = Callable[[], dt.datetime]
Row = dict[str, Any]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def timestamp(clock: Clock) -> str:
    return clock().astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _schema_text() -> str:
    return paths.schema_file().read_text(encoding="utf-8")


def schema_version() -> int:
    """The version this program writes: the `PRAGMA user_version` line of db/schema.sql."""
    match = re.search(r"PRAGMA\s+user_version\s*=\s*(\d+)", _schema_text())
    if not match:
        raise StoreError("db/schema.sql 缺少 user_version：安装不完整，请重新安装本程序。")
    return int(match[1])


def migration_steps() -> dict[int, Path]:
    """Migration files by the version they produce: db/migrations/0002.sql steps 1 -> 2."""
    steps: dict[int, Path] = {}
    folder = paths.migrations_dir()
    if folder.is_dir():
        for file in folder.glob("[0-9][0-9][0-9][0-9].sql"):
            steps[int(file.stem)] = file
    return steps


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA foreign_keys = ON")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise StoreError("数据库无法切换到 WAL 模式：请确认数据目录可写，且没有其他程序占用。")
    # FULL: a write reported as committed survives a power cut, not only a crash.
    conn.execute("PRAGMA synchronous = FULL")


def has_our_header(path: Path) -> bool:
    """Whether `path` starts with an SQLite header carrying our application id: a cheap test (no connection) that
    a file is this program's database, whatever its state past the first page."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError:
        return False
    return header[:16] == b"SQLite format 3\x00" and int.from_bytes(header[68:72], "big") == APPLICATION_ID


def _connect_raw(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(str(path), timeout=10)
    except sqlite3.Error as exc:
        raise StoreError(f"无法打开数据库 {path}（{exc}）：请检查数据目录的权限。") from exc
    return conn


def _check_is_ours(conn: sqlite3.Connection, path: Path) -> int:
    """Return user_version; raise StoreError (without writing anything) if the file is not usable."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"文件 {path} 不是本程序的数据库或已损坏（{exc}）：请从备份恢复（planprogress restore），"
            "原文件未作任何改动。"
        ) from exc
    if app_id != APPLICATION_ID:
        raise StoreError(f"文件 {path} 不是本程序的数据库：请检查数据目录（--home）是否选对，原文件未作任何改动。")
    current = schema_version()
    if version > current:
        raise StoreError(
            f"数据库版本为 {version}，比本程序支持的版本 {current} 新：请安装新版本的 planprogress，"
            "数据库未作任何改动。"
        )
    return version


def create_database(path: Path) -> None:
    """Create a fresh database atomically: build it under a temporary name, then rename."""
    if path.exists():
        raise StoreError(f"数据库 {path} 已存在。")
    tmp = path.with_name(path.name + ".new")
    tmp.unlink(missing_ok=True)
    conn = _connect_raw(tmp)
    try:
        # No fsync per statement while building: the finished file is fsynced once before the rename.
        conn.execute("PRAGMA synchronous = OFF")
        conn.executescript(_schema_text())
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.commit()
    finally:
        conn.close()
    with open(tmp, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def _backup_copy(conn: sqlite3.Connection, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    dest = sqlite3.connect(str(target))
    try:
        conn.backup(dest)
    finally:
        dest.close()


def needs_upgrade(path: Path) -> bool:
    """Whether opening the database at `path` steps its schema up (a wait worth telling the person about:
    rebuilding the office's progress takes seconds). Anything unreadable is left to the opening to report."""
    if not path.is_file():
        return False
    try:
        conn = sqlite3.connect(str(path))
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return app_id == APPLICATION_ID and 0 < version < schema_version()  # another program's file is refused later


def migrate(
    conn: sqlite3.Connection,
    path: Path,
    from_version: int,
    clock: Clock = utc_now,
    *,
    steps: dict[int, Path] | None = None,
    target: int | None = None,
) -> Path | None:
    """Step an older database up to `target` (default schema_version()); copy the file first.

    All steps run in one transaction, so a failing step leaves the file at `from_version`. Foreign
    keys are off while the steps run (SQLite's recipe for rebuilding a table) and checked before the
    commit. Returns the copy's path.
    """
    target = schema_version() if target is None else target
    if from_version >= target:
        return None
    steps = migration_steps() if steps is None else steps
    missing = [v for v in range(from_version + 1, target + 1) if v not in steps]
    if missing:
        raise StoreError(f"缺少数据库升级脚本 {missing}：安装不完整，请重新安装本程序。")
    stamp = clock().strftime("%Y%m%d-%H%M%S")
    backup = path.parent / "backups" / f"before-migrate-v{from_version}-{stamp}.sqlite"
    try:
        _backup_copy(conn, backup)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(
            f"升级数据库前无法先复制一份到 {backup.parent}（{exc}）：请检查磁盘空间和权限，数据库未作任何改动。"
        ) from exc
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("BEGIN IMMEDIATE")
    version = from_version
    try:
        for version in range(from_version + 1, target + 1):
            for statement in _split_sql(steps[version].read_text(encoding="utf-8")):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise sqlite3.IntegrityError(f"升级后有 {len(broken)} 处外键不一致（表 {broken[0][0]}）")
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(
            f"数据库从第 {from_version} 版升级到第 {version} 版时失败（{exc}）：数据库保持原样未改动，"
            f"升级前的副本在 {backup}；请把此信息告诉管理员。"
        ) from exc
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
    return backup


def _split_sql(script: str) -> list[str]:
    """Split a migration script into statements; comment lines before a statement stay with it."""
    out: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if _strip_comments(buffer):
                out.append(buffer.strip())
            buffer = ""
    if _strip_comments(buffer):
        out.append(buffer.strip())
    return out


def _strip_comments(statement: str) -> str:
    return "\n".join(line for line in statement.splitlines() if not line.strip().startswith("--")).strip()


class Database:
    """A connection to one home's SQLite file, with transactions that nest."""

    def __init__(self, path: Path, clock: Clock = utc_now) -> None:
        self.path = path
        self.clock = clock
        if not path.is_file():
            raise StoreError(f"找不到数据库 {path}：请先运行 planprogress init 建立本单位的数据目录。")
        conn = _connect_raw(path)
        try:
            version = _check_is_ours(conn, path)
            self.migrated_from: int | None = None
            if version < schema_version():
                _configure(conn)
                migrate(conn, path, version, clock)
                self.migrated_from = version
            else:
                _configure(conn)
        except BaseException:
            conn.close()
            raise
        self.conn = conn
        self._utils: sqlite_utils.Database | None = None
        self._savepoints = 0

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over this connection, imported on first use: it pulls in click, dateutil and pluggy,
        which would add about a tenth of a second to every start of the window and the CLI."""
        if self._utils is None:
            import sqlite_utils

            self._utils = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._utils

    def close(self) -> None:
        self.conn.close()

    def snapshot(self, target: Path) -> None:
        """A consistent copy of the live database (SQLite's online backup), for backups and bundles."""
        _backup_copy(self.conn, target)

    def now(self) -> str:
        return timestamp(self.clock)

    def integrity_check(self) -> list[str]:
        """SQLite's own check of every page and index: [] when the file is sound, else its findings."""
        found = [str(row[0]) for row in self.conn.execute("PRAGMA integrity_check").fetchall()]
        return [] if found == ["ok"] else found

    def user_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE (so a concurrent writer waits instead of failing), or a savepoint if nested (plain SQL:
        sqlite-utils is not imported for it)."""
        if self.conn.in_transaction:
            self._savepoints += 1
            name = f"nested_{self._savepoints}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:  # a RAISE(ROLLBACK) may have ended the whole transaction already
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    self.conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {name}")
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if str(getattr(exc, "sqlite_errorname", "")).startswith("SQLITE_READONLY"):
                raise StoreError(
                    f"数据库只能读、不能写（{exc}）：请检查数据目录的权限，或它是否在写保护的U盘上。"
                ) from exc
            raise StoreError(f"数据库正被其他程序占用（{exc}）：请关闭其他 planprogress 窗口后重试。") from exc
        try:
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def query(self, sql: str, params: tuple[object, ...] | dict[str, object] = ()) -> list[Row]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description or ()]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]

    def records(self, sql: str, params: tuple[object, ...] | dict[str, object] = ()) -> list[sqlite3.Row]:
        """Rows read by column name (`row["uid"]`) without a dict made per row: for reads of thousands of rows."""
        cursor = self.conn.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql, params).fetchall()

    def one(self, sql: str, params: tuple[object, ...] | dict[str, object] = ()) -> Row | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
