"""The production stack on loopback, without Docker: what docker-compose.yml runs, from the same
scripts, with Debian's PostgreSQL, Redis and nginx. Used by ``make smoke`` and ``bench/serve.py``.

    with Stack(app_ports=(58001, 58002)) as stack:
        stack.manage("import_isomer", "/path/to/site")
        requests.get(stack.proxy_url + "/")

Everything it starts lives in one scratch folder and is stopped (and the folder removed) on exit.
"""

import glob
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

PROJECT_DIR = Path(__file__).resolve().parent.parent
PYTHON = PROJECT_DIR / ".venv" / "bin" / "python"


def pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        sys.exit(f"PostgreSQL's {name} not found: apt-get install postgresql")
    return found[-1]


def port_in_use(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def wait_for_port(port: int, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if port_in_use(port):
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not start listening on 127.0.0.1:{port}")


class Stack:
    def __init__(
        self,
        app_ports=(58001, 58002),
        proxy_port=58080,
        pg_port=55432,
        redis_port=56379,
        mail_port=58025,
        workers=2,
        log=sys.stdout,
    ):
        self.app_ports, self.proxy_port = list(app_ports), proxy_port
        self.pg_port, self.redis_port, self.workers = pg_port, redis_port, workers
        self.mail_port = mail_port
        self.log = log
        self.dir = Path(tempfile.mkdtemp(prefix="actris-stack-"))
        self.dir.chmod(0o755)
        self.media = self.dir / "media"
        self.static = self.dir / "static"
        self.mail = self.dir / "mail"  # what the app servers e-mailed (sign-in codes), as .eml
        self.processes: dict[str, subprocess.Popen] = {}
        self.proxy_url = f"http://127.0.0.1:{proxy_port}"
        self.database = "actris"
        self.env = {
            **os.environ,
            "PYTHON": str(PYTHON),
            "DJANGO_SETTINGS_MODULE": "actris_cms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{pg_port}/{self.database}",
            "DATABASE_CONN_MAX_AGE": "60",
            "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{proxy_port}",
            "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{proxy_port}",
            "FRONTEND_CACHE_URL": f"http://127.0.0.1:{proxy_port}",
            # Plain HTTP on loopback: no TLS to redirect to or to mark cookies secure for, so
            # the deploy check may only fail on errors here (docs/deploy.md has the real set).
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "SECURE_HSTS_SECONDS": "0",
            "DEPLOY_CHECK_LEVEL": "ERROR",
            "MEDIA_ROOT": str(self.media),
            "STATIC_ROOT": str(self.static),
            "WEB_WORKERS": str(workers),
            "LOG_LEVEL": "WARNING",
            # Two-step sign-in is on (production's default): codes go out over SMTP to the
            # stack's mail sink (scripts/mailsink.py), which files them in self.mail.
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(mail_port),
            "EMAIL_USE_TLS": "false",
        }

    # -- lifecycle ------------------------------------------------------------------------
    def __enter__(self):
        # A stop asked for (Ctrl-C, kill) still stops everything started so far.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        busy = [
            port
            for port in (
                self.pg_port,
                self.redis_port,
                self.mail_port,
                self.proxy_port,
                *self.app_ports,
            )
            if port_in_use(port)
        ]
        if busy:
            raise SystemExit(f"Ports already in use: {busy} (another stack still running?)")
        try:
            self.start_postgres()
            self.start_redis()
            self.start_mail()
            for port in self.app_ports:
                self.start_app(port)
            self.start_worker()
            self.start_proxy()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:  # what the servers said, before their folder goes
            for name in self.processes:
                if name.startswith(("app", "proxy", "restored", "worker")):
                    print(f"--- last lines of {name}.log ---\n{self.tail(name, 40)}", file=self.log)
        self.stop()

    def say(self, text: str) -> None:
        print(f"[stack] {text}", file=self.log, flush=True)

    def spawn(self, name: str, args: list[str], **kwargs) -> subprocess.Popen:
        logfile = open(self.dir / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            args,
            stdout=logfile,
            stderr=subprocess.STDOUT,
            env=kwargs.pop("env", self.env),
            cwd=PROJECT_DIR,
            start_new_session=True,
            **kwargs,
        )
        self.processes[name] = process
        return process

    def stop_process(self, name: str, sig=signal.SIGTERM) -> None:
        process = self.processes.pop(name, None)
        if process and process.poll() is None:
            os.killpg(process.pid, sig)
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def stop(self) -> None:
        for name in list(self.processes):
            if name not in ("postgres", "redis"):
                self.stop_process(name)
        self.stop_redis()
        self.stop_postgres()
        shutil.rmtree(self.dir, ignore_errors=True)
        self.say("stopped everything it started")

    def tail(self, name: str, lines: int = 30) -> str:
        path = self.dir / f"{name}.log"
        return (
            "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
            if path.exists()
            else ""
        )

    # -- services ---------------------------------------------------------------------------
    def as_postgres(self, args: list[str]) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args

    def start_postgres(self) -> None:
        data, run = self.dir / "pg", self.dir / "pgrun"
        for folder in (data, run):
            folder.mkdir()
            if os.geteuid() == 0:
                shutil.chown(folder, "postgres", "postgres")
        subprocess.run(
            self.as_postgres([pg_bin("initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"]),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        self.start_postgres_server()
        subprocess.run(
            [pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres",
             self.database],
            check=True,
        )  # fmt: skip
        self.say(f"PostgreSQL on 127.0.0.1:{self.pg_port}")

    def pg_ctl(self, *args: str) -> None:
        run = self.dir / "pgrun"
        options = f"-p {self.pg_port} -c listen_addresses=127.0.0.1 -k {run}"
        subprocess.run(
            self.as_postgres(
                [pg_bin("pg_ctl"), "-D", str(self.dir / "pg"), "-l", str(run / "pg.log"),
                 "-o", options, "-w", *args]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip

    def start_postgres_server(self) -> None:
        self.pg_ctl("start")

    def stop_postgres(self) -> None:
        if (self.dir / "pg" / "postmaster.pid").exists():
            self.pg_ctl("stop", "-m", "fast")

    def restart_postgres(self) -> None:
        self.pg_ctl("restart", "-m", "fast")

    def start_redis(self) -> None:
        self.spawn(
            "redis",
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1",
             "--dir", str(self.dir), "--appendonly", "yes", "--save", ""],
        )  # fmt: skip
        wait_for_port(self.redis_port, "Redis")
        self.say(f"Redis on 127.0.0.1:{self.redis_port}")

    def start_mail(self) -> None:
        self.spawn(
            "mail", [str(PYTHON), "scripts/mailsink.py", str(self.mail_port), str(self.mail)]
        )
        wait_for_port(self.mail_port, "the mail sink")
        self.say(f"SMTP mail sink on 127.0.0.1:{self.mail_port} (messages in {self.mail})")

    def stop_redis(self) -> None:
        self.stop_process("redis")

    def restart_redis(self) -> None:
        self.stop_redis()
        self.start_redis()

    def start_app(self, port: int) -> None:
        env = {**self.env, "BIND": f"127.0.0.1:{port}"}
        self.spawn(f"app-{port}", ["scripts/entrypoint.sh", "web"], env=env)
        wait_for_port(port, f"the app (see {self.dir}/app-{port}.log)", seconds=180)
        self.say(f"app server on 127.0.0.1:{port} ({self.workers} workers)")

    def start_worker(self) -> None:
        """The renditions worker, as docker-compose's ``worker`` service runs it."""
        self.spawn("worker", ["scripts/entrypoint.sh", "worker"])
        self.say("renditions worker (db_worker) on the database queue")

    def start_proxy(self) -> None:
        env = {
            **self.env,
            "APP_SERVERS": " ".join(f"127.0.0.1:{port}" for port in self.app_ports),
            "PROXY_LISTEN": f"127.0.0.1:{self.proxy_port}",
            "PROXY_RUN_DIR": str(self.dir / "proxy"),
        }
        self.spawn("proxy", ["scripts/proxy.sh"], env=env)
        wait_for_port(self.proxy_port, "nginx")
        self.say(f"nginx on {self.proxy_url} in front of {env['APP_SERVERS']}")

    # -- using it ---------------------------------------------------------------------------
    def manage(self, *args: str, check=True, env=None) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["scripts/entrypoint.sh", "manage", *args],
            env={**self.env, **(env or {})},
            cwd=PROJECT_DIR,
            check=check,
            capture_output=True,
            text=True,
        )

    def use_site_address(self) -> None:
        """Wagtail's site answers at the proxy's address, so purges name what visitors ask."""
        self.manage(
            "shell",
            "-c",
            "from wagtail.models import Site; site = Site.objects.get(is_default_site=True); "
            f"site.hostname, site.port = '127.0.0.1', {self.proxy_port}; site.save()",
        )

    def wait_healthy(self, base: str, seconds: float = 60) -> float:
        """Seconds until ``base``/healthz answers 200."""
        start = time.monotonic()
        while time.monotonic() - start < seconds:
            try:
                if requests.get(base + "/healthz", timeout=2).status_code == 200:
                    return time.monotonic() - start
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"{base} not healthy after {seconds} s")
