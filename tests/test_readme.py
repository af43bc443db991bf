"""The README is part of the interface: its commands exist and every CLI command is documented."""

from __future__ import annotations

import argparse
import ast
import re

from faceplate_db.cli import build_parser
from tests.conftest import PROJECT_ROOT
from tests.migrate.handwritten import query

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def cli_commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (subparsers,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(subparsers.choices)


def nox_sessions() -> set[str]:
    tree = ast.parse((PROJECT_ROOT / "noxfile.py").read_text(encoding="utf-8"))
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        and any("nox.session" in ast.unparse(d) for d in node.decorator_list)
    }


def test_the_two_setup_commands_name_existing_sessions():
    commands = re.findall(r"^python3 noxfile\.py -s (\w+)", README, flags=re.MULTILINE)
    assert commands[:2] == ["diff", "test"]
    assert set(commands) <= nox_sessions()


def test_ci_runs_the_readme_test_command():
    ci = (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 noxfile.py -s test" in ci


def test_every_cli_command_and_option_is_in_the_readme():
    for name, sub in cli_commands().items():
        assert f"faceplate-db {name}" in README, f"README does not document `faceplate-db {name}`"
        for action in sub._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in README, f"README does not mention {name} {option}"


def test_every_nox_session_is_in_the_readme():
    for session in nox_sessions():
        assert f"-s {session}" in README, f"README does not mention `nox -s {session}`"


def readme_python_after(marker: str) -> str:
    after = README[README.index(marker) :]
    return re.search(r"```python\n(.*?)```", after, flags=re.DOTALL).group(1)


async def test_the_startup_lifespan_example_migrates_an_empty_database(empty_db, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", empty_db)
    namespace: dict = {}
    exec(readme_python_after("In a Starlette or FastAPI application:"), namespace)
    app = namespace["app"]
    async with namespace["lifespan"](app):
        assert app.state.engine is not None
    assert query(empty_db, "SELECT version, name FROM faceplate_migrations.history") == [
        (1, "initial")
    ]


def test_every_load_harness_option_is_in_the_readme():
    from loadtest.options import build_parser

    for action in build_parser()._actions:
        for option in action.option_strings:
            if option.startswith("--") and option != "--help":
                assert option in README, f"README does not mention the load harness's {option}"
