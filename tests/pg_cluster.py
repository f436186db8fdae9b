"""A throwaway PostgreSQL cluster for the test run: initdb in a temporary folder, a private
unix socket (no TCP port at all), torn down at the end.

Debian's `postgresql` package (installed by `./fieldapp.sh test`) puts the server programs in
/usr/lib/postgresql/<version>/bin, off the PATH. `initdb` refuses to run as root: as root
the cluster belongs to the `postgres` user the package creates, and every server program runs
through `runuser`; as anyone else the cluster is the caller's own.

The cluster is tuned for tests, not for safety: no fsync, no full-page writes; a test run
that crashes loses nothing anyone wanted.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

DATABASE = "fieldapp_test"
SUPERUSER = "fieldapp"


class PostgresUnavailableError(RuntimeError):
    """No PostgreSQL server programs on this machine (or they failed to start)."""


def server_bindir() -> Path:
    """Where `initdb`, `pg_ctl` and `postgres` are: $FIELDAPP_PG_BINDIR, Debian's, the PATH."""
    chosen = os.environ.get("FIELDAPP_PG_BINDIR")
    if chosen:
        return Path(chosen)
    debian = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if debian:
        return Path(debian[-1]).parent
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    raise PostgresUnavailableError("no PostgreSQL server (Debian: apt-get install postgresql)")


class ThrowawayCluster:
    """One cluster: `start()` gives a SQLAlchemy URL, `stop()` removes every trace."""

    def __init__(self) -> None:
        self.bindir = server_bindir()
        self.folder = Path(tempfile.mkdtemp(prefix="fieldapp-pg-"))
        self.data = self.folder / "data"
        self.socket = self.folder / "socket"
        self._owner: pwd.struct_passwd | None = None
        if os.geteuid() == 0:  # initdb will not run as root: the package's own user
            try:
                self._owner = pwd.getpwnam("postgres")
            except KeyError:
                raise PostgresUnavailableError("running as root and no 'postgres' user") from None
        self.socket.mkdir()
        if self._owner is not None:
            for path in (self.folder, self.socket):
                os.chown(path, self._owner.pw_uid, self._owner.pw_gid)
        os.chmod(self.folder, 0o700)

    @property
    def url(self) -> str:
        """The database's URL (psycopg 3, over the private socket)."""
        return f"postgresql+psycopg://{SUPERUSER}@/{DATABASE}?host={self.socket}"

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self._owner is not None:
            command = ["runuser", "-u", self._owner.pw_name, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, cwd=self.folder)
        if done.returncode != 0:
            raise PostgresUnavailableError(f"{args[0]} failed: {done.stderr.strip()[-500:]}")

    def start(self) -> str:
        """initdb, start the server on the private socket, create the test database."""
        self._run(
            "initdb", "-D", str(self.data), "-U", SUPERUSER, "-A", "trust",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions",
        )  # fmt: skip
        options = (
            f"-k {self.socket} -c listen_addresses='' -F -c full_page_writes=off"
            " -c synchronous_commit=off -c max_connections=40 -c shared_buffers=64MB"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"),
            "-o", options, "-w", "-t", "60", "start",
        )  # fmt: skip
        self._run("createdb", "-h", str(self.socket), "-U", SUPERUSER, DATABASE)
        return self.url

    def stop(self) -> None:
        """Stop the server (fast) and remove the folder."""
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(PostgresUnavailableError):
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
