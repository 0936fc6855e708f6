"""The pre-commit hook, for real: pre-commit installs trajectkit from this repository into
a fresh environment and runs it on a Git repository with a broken trajectory.

Slow (each run pip-installs trajectkit and its dependencies, about 20 s), so marked
``slow``; it runs in CI like every other test. pre-commit installs from a throw-away
commit of the working tree, so the test checks what is on disk, tagged as the
release is, so that the README's ``rev:`` is used as written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from readme_snippets import section, snippets

from trajectkit import __version__

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
TRAJECTORY = "catalogue/trajectories/OT-00214-afwerking-bouw-duaal.yaml"
GOOD = "  - competence: bkc0051279    # Werkt in teamverband\n    at: [school, werkplek]\n    assessed_by: [school, werkplek]\n"
BAD = GOOD.replace("assessed_by: [school, werkplek]", "assessed_by: [werkplek]")


def pre_commit() -> list[str]:
    import pre_commit  # noqa: F401  (a test dependency: missing is a failure, not a skip)

    assert shutil.which("git"), "git is needed to try the hook, as pre-commit users have it"
    return [sys.executable, "-m", "pre_commit"]


def environment(home: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "TRAJECTKIT_CACHE_DIR", "PRE_COMMIT", "SKIP")
    }
    env.update(
        PRE_COMMIT_HOME=str(home),
        GIT_AUTHOR_NAME="trajectkit tests",
        GIT_AUTHOR_EMAIL="tests@example.org",
        GIT_COMMITTER_NAME="trajectkit tests",
        GIT_COMMITTER_EMAIL="tests@example.org",
        GIT_CONFIG_GLOBAL=os.devnull,  # no signing or hooks from the user's own configuration
        GIT_CONFIG_NOSYSTEM="1",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    return env


def git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def hook_repository(tmp: Path, env: dict[str, str]) -> tuple[Path, str]:
    """This repository as it stands on disk, committed into a throw-away copy and tagged
    as its release would be (``v`` + the version), so the README's ``rev:`` works as
    written; and that commit."""
    if not (REPO / ".git").exists():
        pytest.skip("the test needs this repository as a Git checkout")
    snapshot = tmp / "trajectkit-snapshot"
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO, env=env)
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            target = snapshot / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git("init", "-q", cwd=snapshot, env=env)
    git("add", "-A", cwd=snapshot, env=env)
    git("commit", "-q", "-m", "working tree of trajectkit", cwd=snapshot, env=env)
    git("tag", f"v{__version__}", cwd=snapshot, env=env)
    return snapshot, git("rev-parse", "HEAD", cwd=snapshot, env=env).strip()


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], dict[str, str], Path, str]:
    command = pre_commit()
    tmp = tmp_path_factory.mktemp("pre-commit")
    env = environment(tmp / "home")
    repository, revision = hook_repository(tmp, env)
    return command, env, repository, revision


def user_repository(tmp_path: Path, samples: Path, env: dict[str, str]) -> Path:
    """A Git repository with the samples as ``catalogue/`` and one broken allocation."""
    work = tmp_path / "user"
    shutil.copytree(samples, work / "catalogue")
    path = work / TRAJECTORY
    text = path.read_text(encoding="utf-8")
    assert text.count(GOOD) == 1
    path.write_text(text.replace(GOOD, BAD), encoding="utf-8")
    git("init", "-q", cwd=work, env=env)
    git("add", "-A", cwd=work, env=env)
    return work


def fix(work: Path, env: dict[str, str]) -> None:
    path = work / TRAJECTORY
    path.write_text(path.read_text(encoding="utf-8").replace(BAD, GOOD), encoding="utf-8")
    git("add", "-A", cwd=work, env=env)


def run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False)


def test_try_repo_fails_on_the_problem_then_passes_once_fixed(setup, tmp_path: Path, samples: Path) -> None:
    command, env, repository, revision = setup
    work = user_repository(tmp_path, samples, env)
    try_repo = [
        *command,
        "try-repo",
        str(repository),
        "trajectkit-validate",
        "--ref",
        revision,
        "--all-files",
        "--color",
        "never",
    ]

    failed = run(try_repo, work, env)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    line = (work / TRAJECTORY).read_text(encoding="utf-8").splitlines().index("    assessed_by: [werkplek]") + 1
    assert "trajectkit validate" in failed.stdout and "Failed" in failed.stdout
    assert f"{TRAJECTORY}:{line}:5: error [school-not-assessing]" in failed.stdout
    assert "1 error, 0 warnings in 16 files" in failed.stdout

    fix(work, env)
    passed = run(try_repo, work, env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


def test_the_readme_configuration_works(setup, tmp_path: Path, samples: Path) -> None:
    command, env, repository, _ = setup
    blocks = [block for block in snippets(section("Use in CI")) if block.file_name == ".pre-commit-config.yaml"]
    assert blocks, "the 'Use in CI' section shows no .pre-commit-config.yaml"
    config = yaml.safe_load(blocks[0].text)
    (entry,) = [repo for repo in config["repos"] if any(hook["id"] == "trajectkit-validate" for hook in repo["hooks"])]
    assert entry["rev"] == f"v{__version__}"  # used as written: the copy is tagged as the release is
    entry["repo"] = str(repository)  # this repository instead of the published one
    work = user_repository(tmp_path, samples, env)
    (work / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    git("add", "-A", cwd=work, env=env)
    check = [*command, "run", "--all-files", "--color", "never"]

    failed = run(check, work, env)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "[school-not-assessing]" in failed.stdout
    fix(work, env)
    passed = run(check, work, env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    # The cache keeps itself out of Git.
    assert (work / ".trajectkit-cache").is_dir()
    assert ".trajectkit-cache" not in git("status", "--porcelain", cwd=work, env=env)
