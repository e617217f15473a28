"""bench.py's publishing run, without running the bench: its command and how its targets are judged."""

from bansos_portal.deploy import bench


def run(rps=1000.0, errors=0):
    return {"rps": rps, "p50": 5.0, "p99": 40.0, "requests": int(rps * 60), "errors": errors}


def results(publishing_rps, publications):
    measured = {"healthz": run(10_000), "static": run(20_000), "search": run(300), "soak": run(5000)}
    for name in bench.PAGES:
        measured[f"app {name}"], measured[f"nginx {name}"] = run(8000), run(15_000)
    return measured | {"publishing": run(publishing_rps), "publications": publications}


def test_the_publishing_run_passes_within_its_targets(capsys):
    publications = [{"number": 1, "publish_s": 0.1, "app": 0.2, "nginx": 41.0}]

    assert bench.report(results(4000, publications)) == 0
    assert "PASS  while publishing: 80% of the same mix without (>= 70%)" in capsys.readouterr().out


def test_a_slow_run_or_a_change_never_seen_through_nginx_fails(capsys):
    publications = [{"number": 1, "publish_s": 0.1, "app": 0.2, "nginx": None}]

    assert bench.report(results(3000, publications)) == 1
    out = capsys.readouterr().out
    assert "FAIL  while publishing: 60% of the same mix without (>= 70%)" in out
    assert "FAIL  publication 1: through nginx after never (<= max-age 60 s)" in out


def test_no_publication_at_all_fails():
    assert bench.report(results(4000, [])) == 1


def test_the_dry_run_prints_the_publishing_command_without_starting_anything(capsys):
    assert bench.main(["--dry-run"]) == 0

    command = capsys.readouterr().out.split()
    assert command[1:3] == ["-m", "bansos_portal.deploy.publish_probe"]
    assert command[command.index("--count") + 1] == "6"
