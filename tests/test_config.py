"""Settings resolution (arguments > environment > pyproject > defaults), validation with errors
that name the setting, and masking of passwords."""

from __future__ import annotations

from pathlib import Path

import pytest

from faceplate_db.config import Settings, libpq_url, managed_schemas_from_pyproject, mask_url
from faceplate_db.errors import ConfigError

SECRET_URL = "postgresql://app:s3cret-pw@db.example.com:6543/chat"


def resolve(tmp_path: Path, **kwargs) -> Settings:
    environ = kwargs.pop("environ", {"DATABASE_URL": SECRET_URL})
    return Settings.resolve(environ=environ, project_root=tmp_path, **kwargs)


def test_mask_url_hides_a_password_given_as_a_query_parameter():
    masked = mask_url("postgresql://app@db/chat?sslmode=require&password=s3cret-pw&x=1")
    assert masked == "postgresql://app@db/chat?sslmode=require&password=***&x=1"


def test_mask_url_hides_the_password():
    masked = mask_url(SECRET_URL)
    assert "s3cret-pw" not in masked
    assert masked == "postgresql://app:***@db.example.com:6543/chat"


def test_libpq_url_drops_the_driver_suffix_and_keeps_the_password():
    assert libpq_url("postgresql+asyncpg://app:pw@h:1/d") == "postgresql://app:pw@h:1/d"


def test_argument_wins_over_environment(tmp_path):
    settings = resolve(tmp_path, database="postgresql://other@h/db")
    assert settings.database_url == "postgresql://other@h/db"


def test_environment_is_used_without_argument(tmp_path):
    settings = resolve(tmp_path)
    assert settings.database_url == SECRET_URL
    assert "s3cret-pw" not in settings.masked_url
    assert settings.schema_file == tmp_path / "schema" / "schema.sql"
    assert settings.schemas == ("faceplate",)


def test_any_schema_name_postgresql_accepts_can_be_managed(tmp_path):
    names = ["public", "Tenant 1", "my-app", "ünïcode"]
    assert resolve(tmp_path, schemas=names).schemas == tuple(names)


def test_schemas_come_from_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.faceplate-db]\nschemas = ["app", "audit"]\n')
    assert managed_schemas_from_pyproject(tmp_path) == ("app", "audit")
    assert resolve(tmp_path).schemas == ("app", "audit")
    assert resolve(tmp_path, schemas=["billing"]).schemas == ("billing",)


@pytest.mark.parametrize(
    ("kwargs", "setting"),
    [
        ({"database": "mysql://u:pw@h/db"}, "--database"),
        ({"environ": {"DATABASE_URL": "not a url"}}, "DATABASE_URL"),
        ({"schemas": [""]}, "--schema"),
        ({"schemas": ["x" * 64]}, "--schema"),
        ({"schemas": ["pg_catalog"]}, "--schema"),
        ({"schemas": ["faceplate_migrations"]}, "--schema"),
        (
            {"environ": {"DATABASE_URL": SECRET_URL, "FACEPLATE_LOCK_TIMEOUT": "soon"}},
            "FACEPLATE_LOCK_TIMEOUT",
        ),
        (
            {"environ": {"DATABASE_URL": SECRET_URL, "FACEPLATE_STATEMENT_TIMEOUT": "-1"}},
            "FACEPLATE_STATEMENT_TIMEOUT",
        ),
        ({"scratch_url": "sqlite:///x.db"}, "--scratch-url"),
    ],
)
def test_invalid_setting_is_named_in_the_error(tmp_path, kwargs, setting):
    with pytest.raises(ConfigError) as caught:
        resolve(tmp_path, **kwargs)
    assert caught.value.setting == setting
    assert setting in str(caught.value)


def test_error_for_a_bad_url_never_shows_the_password(tmp_path):
    with pytest.raises(ConfigError) as caught:
        resolve(tmp_path, database="mysql://u:topsecret@h/db")
    assert "topsecret" not in str(caught.value)


def test_broken_pyproject_is_reported_with_its_path(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.faceplate-db\n")
    with pytest.raises(ConfigError) as caught:
        resolve(tmp_path)
    assert "pyproject.toml" in caught.value.setting
