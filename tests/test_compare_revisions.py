"""benchmarks/compare_revisions.py: how two revisions' benchmark reports are set side by side,
and how lines per commit are counted. (Running the benchmarks is the script's own job.)"""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "compare_revisions.py"
spec = importlib.util.spec_from_file_location("compare_revisions", SCRIPT)
compare_revisions = importlib.util.module_from_spec(spec)
spec.loader.exec_module(compare_revisions)


def inbound_report(rate: float, p50: float, once: bool = True) -> dict:
    return {"connections": 16, "runs": [
        {"database": "sqlite", "server_processes": 1, "messages_per_second": rate,
         "p50_ms": p50, "every_message_once": once},
        {"database": "postgresql", "server_processes": 2, "messages_per_second": rate * 2,
         "p50_ms": p50, "every_message_once": True},
    ]}


def test_runs_in_a_list_are_named_by_database_and_processes_not_position():
    paths = dict(compare_revisions.figures(inbound_report(500.0, 30.0)))
    assert paths["runs[database=sqlite,server_processes=1].messages_per_second"] == 500.0
    assert paths["runs[database=postgresql,server_processes=2].messages_per_second"] == 1000.0
    assert "runs[database=sqlite,server_processes=1].database" not in paths  # labels skipped


def test_each_side_is_the_median_of_its_repeats_and_the_ratio_is_after_over_before():
    before = [inbound_report(rate, 30.0) for rate in (400.0, 500.0, 900.0)]
    after = [inbound_report(rate, 20.0) for rate in (1000.0, 600.0, 550.0)]
    compared = compare_revisions.compare(before, after)["figures"]
    rate = compared["runs[database=sqlite,server_processes=1].messages_per_second"]
    assert (rate["before"], rate["after"], rate["ratio"]) == (500.0, 600.0, 1.2)
    assert compared["runs[database=sqlite,server_processes=1].p50_ms"]["ratio"] == 0.667


def test_a_yes_no_figure_is_yes_only_if_every_repeat_said_yes_and_has_no_ratio():
    before = [inbound_report(500.0, 30.0), inbound_report(500.0, 30.0, once=False)]
    compared = compare_revisions.compare(before, [inbound_report(500.0, 30.0)])["figures"]
    once = compared["runs[database=sqlite,server_processes=1].every_message_once"]
    assert once == {"before": False, "after": True}


def test_figures_only_one_revision_reports_are_listed_not_compared():
    compared = compare_revisions.compare([{"a": 1.0, "old": 2.0}], [{"a": 2.0, "new": 3.0}])
    assert list(compared["figures"]) == ["a"]
    assert (compared["only_before"], compared["only_after"]) == (["old"], ["new"])


NUMSTAT = """@@678e3de\tRefit (issue 19, parts 1, 2, 3, 5, 7): libraries
12\t30\tbot/channels/metrics.py
5\t0\tbot/channels/templates/base.html
-\t-\tdocs/diagram.png

@@5ca542e\tSurge (issue 20, parts 1-3): outbox lanes
100\t1\tbenchmarks/surge.py

@@b000001\tRooms (Issue 19, part 8): services grouped
3\t2\tbot/services/{offers.py => requests/offers.py}
"""


def test_lines_are_counted_per_commit_naming_the_issue_by_folder_and_kind():
    commits = compare_revisions.parse_numstat(NUMSTAT, "issue 19")
    assert [commit["commit"] for commit in commits] == ["678e3de", "b000001"]
    refit = commits[0]
    assert (refit["files"], refit["added"], refit["removed"], refit["binary_files"]) == (3, 17, 30, 1)
    assert refit["by_folder"] == {"bot/channels": {"added": 17, "removed": 30}}
    assert refit["by_extension"]["html"] == {"added": 5, "removed": 0}
    # A moved file counts where it went.
    assert commits[1]["by_folder"] == {"bot/services": {"added": 3, "removed": 2}}
    assert compare_revisions.renamed_to("bot/services/{offers.py => requests/offers.py}") == \
        "bot/services/requests/offers.py"
    assert compare_revisions.renamed_to("bot/{ => services}/admin.py") == "bot/services/admin.py"
