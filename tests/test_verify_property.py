"""verify says 0 only for the bytes that were sealed: random changes to a sealed dossier.

Flips, insertions, deletions, repeated dictionary keys and appended updates
(tests/mutations.py), one to three at a time, on a small dossier. Whatever the change,
verify answers 4 or 5, never 0 and never 1 (a crash); unchanged bytes answer 0. A longer
run: bench/verify_fuzz.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings

from evidencekit.errors import CannotVerify
from evidencekit.verify import verify_dossier
from tests import mutations

EXAMPLES = 200  # ~8 s today; the budget is under a minute


def verify_exit(path: Path) -> int:
    try:
        return int(verify_dossier(path).exit_code)
    except CannotVerify:
        return 5


@dataclass(frozen=True)
class Work:
    original: bytes = field(repr=False)
    path: Path  # where each example's mutated copy is written


@pytest.fixture(scope="module")
def work(tiny_sealed: Path, tmp_path_factory: pytest.TempPathFactory) -> Work:
    assert verify_exit(tiny_sealed) == 0
    return Work(tiny_sealed.read_bytes(), tmp_path_factory.mktemp("fuzz") / "mutated.pdf")


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(plan=mutations.mutations())
@example(plan=[("update", "noop")])
@example(plan=[("update", "relist-root")])
@example(plan=[("update", "second-pages")])
@example(plan=[("update", "whitespace")])
@example(plan=[("hexcase", 0)])  # a hex digit's case: the same signature value
@example(plan=[("flip", ("end", 0), 0x01)])  # the final newline
@example(plan=[("insert", ("end", 0), b" ")])
@example(plan=[("delete", ("end", 0), 1)])
def test_verify_is_0_only_for_the_sealed_bytes(plan: list[mutations.Mutation], work: Work) -> None:
    path = work.path
    path.write_bytes(work.original)
    mutations.apply(path, plan)
    code = verify_exit(path)  # an unexpected exception fails the test: that is exit 1
    if path.read_bytes() == work.original:
        assert code == 0, plan
    else:
        assert code in (4, 5), (plan, code)
