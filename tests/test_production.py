"""The production settings and entrypoint, booted for real (in a child process, as a server
would be) on the database the suite runs on: SQLite, or PostgreSQL when DATABASE_URL says so."""

import json
import logging
import os
import secrets
import subprocess
import sys

import pytest

from actris_cms.logs import JSONFormatter

from .conftest import PROJECT_DIR


def production_env(tmp_path, **extra) -> dict:
    """The documented production environment (docs/deploy.md)."""
    database = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path / 'production.sqlite3'}"
    # A server's environment: nothing a test process set for itself (the browser tests allow
    # sync database calls from Playwright's event loop, which production must refuse).
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {
        **inherited,
        "PYTHON": sys.executable,
        "DJANGO_SETTINGS_MODULE": "actris_cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "www.actris.example",
        "CSRF_TRUSTED_ORIGINS": "https://www.actris.example",
        "DATABASE_URL": database,
        "REDIS_URL": "redis://127.0.0.1:6379/9",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        **extra,
    }


def entrypoint(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["scripts/entrypoint.sh", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_deploy_checks_pass_with_the_documented_environment(tmp_path):
    result = entrypoint(
        production_env(tmp_path), "manage", "check", "--deploy", "--fail-level", "WARNING"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_answers_with_hsts_and_sends_plain_http_to_https(tmp_path):
    probe = (
        "from django.test import Client; c = Client(HTTP_HOST='www.actris.example'); "
        "r = c.get('/healthz', secure=True); print(r['Strict-Transport-Security']); "
        "r = c.get('/about-us/'); print(r.status_code, r['Location'])"
    )
    result = entrypoint(production_env(tmp_path), "manage", "shell", "-c", probe)
    assert result.returncode == 0, result.stdout + result.stderr
    hsts, redirect = result.stdout.strip().splitlines()[-2:]
    assert hsts == "max-age=31536000; includeSubDomains; preload"
    assert redirect == "301 https://www.actris.example/about-us/"


def test_insecure_production_settings_are_refused(tmp_path):
    env = production_env(tmp_path, SECURE_SSL_REDIRECT="false", SECURE_COOKIES="false")
    result = entrypoint(env, "manage", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W008" in result.stderr and "security.W012" in result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = entrypoint(env, "manage", "check")
    assert result.returncode != 0 and "Set SECRET_KEY" in result.stderr


@pytest.fixture
def fresh_database(tmp_path):
    """An empty database of the suite's kind: a SQLite file, or a new PostgreSQL database."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    import psycopg

    name = f"actris_deploy_{secrets.token_hex(4)}"
    server = url.replace("postgres://", "postgresql://").rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(server, autocommit=True) as db:
            db.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def test_deploy_step_is_safe_to_run_on_every_start(tmp_path, fresh_database):
    env = production_env(tmp_path, DATABASE_URL=fresh_database)
    first = entrypoint(env, "manage", "deploy")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Database migrated" in first.stdout and "Static files collected" in first.stdout
    assert (tmp_path / "static" / "staticfiles.json").is_file()  # hashed names for the proxy
    again = entrypoint(env, "manage", "deploy", "--no-static")
    assert again.returncode == 0, again.stdout + again.stderr


def test_errors_are_logged_as_one_json_object_per_line():
    try:
        raise ValueError("the database went away")
    except ValueError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s", ("/x/",),
            sys.exc_info(),
        )  # fmt: skip
    record.status_code = 500
    line = JSONFormatter().format(record)
    assert "\n" not in line.strip() or json.loads(line)
    entry = json.loads(line)
    assert entry["level"] == "ERROR" and entry["message"] == "Internal Server Error: /x/"
    assert (
        entry["status_code"] == 500 and "ValueError: the database went away" in entry["exception"]
    )
