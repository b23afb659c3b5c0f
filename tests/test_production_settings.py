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
