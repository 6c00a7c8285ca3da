from evidencekit.cli import run

run()
