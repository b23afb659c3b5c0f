import os
import subprocess
import sys

from cryptography.fernet import Fernet
from django.conf import settings


def _check(extra_env):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REFERRAL_ENCRYPTION_KEYS", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "website.settings.base",
            "DJANGO_SECRET_KEY": "x" * 50,
            "DATABASE_URL": "sqlite:///:memory:",
            **extra_env,
        }
    )
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_referral_key():
    result = _check({})
    assert result.returncode != 0
    assert "REFERRAL_ENCRYPTION_KEYS is not set" in result.stderr


def test_production_starts_with_a_referral_key():
    result = _check({"REFERRAL_ENCRYPTION_KEYS": Fernet.generate_key().decode()})
    assert result.returncode == 0, result.stderr
