"""Production settings (website.settings.base) refuse unsafe starts, in a fresh process."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    environment.update(env)
    environment["DJANGO_SETTINGS_MODULE"] = "website.settings.base"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_refuses_demo_data(tmp_path):
    database = f"sqlite:///{tmp_path / 'prod.sqlite3'}"
    env = {
        "DJANGO_SECRET_KEY": "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "ruta.example.org",
        "DATABASE_URL": database,
    }
    assert run_manage("migrate", "--noinput", **env).returncode == 0
    result = run_manage("load_demo", **env)
    assert result.returncode != 0
    assert "producción rechaza los datos de demostración" in result.stderr


def test_a_development_static_build_never_replaces_the_production_one(tmp_path):
    """`make setup` runs collectstatic with development settings (unhashed files, no
    manifest); it used to write production's folder, and every production page was a 500."""
    env = {
        "RUTA_VAR_DIR": str(tmp_path),
        "DJANGO_SECRET_KEY": "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "ruta.example.org",
        "REFERRAL_ENCRYPTION_KEYS": "ZGV2LWluc2VjdXJlLXJlZmVycmFsLWtleS0wMDAwMDA=",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    }
    development = dict(os.environ, **env, DJANGO_SETTINGS_MODULE="website.settings.dev")
    development.pop("DJANGO_STATIC_ROOT", None)
    built = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=development,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "static-dev" / "website").is_dir()
    assert not (tmp_path / "static").exists()
    # Production without its own build is told so by `check --deploy`, not by 500s.
    result = run_manage("check", "--deploy", **env)
    assert result.returncode != 0
    assert "infra.E001" in result.stderr
