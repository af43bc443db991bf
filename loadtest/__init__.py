"""The load harness: seed data, the chat mix, a thin ASGI app over the data layer, Locust, and
the benchmarks behind `nox -s bench`.

run.py          `nox -s loadtest`: stands a run up, drives Locust, judges, reports
options.py      its command line, and the options that cannot go together
deployment.py   what a run stands up: server, seeded database, PgBouncer, app processes
apps.py         the app processes (uvicorn servers over app.py), each with its own pool
pgbouncer.py    a real PgBouncer from pgbouncer.ini.template, started and always stopped
server.py       a PostgreSQL server of the harness's own, for the restart fault
faults.py       the faults, their window, and the lost/duplicate append check
locustfile.py   the Locust users and their quitting-time criteria
requestlog.py   each request's outcome and each append's token, as the users record them
sampler.py      server and client connections and the apps' pools, sampled during a run
criteria.py     the bounds of each kind of run, and the verdicts
report.py       Locust's totals and the printed table
processes.py    free ports, waiting for a process to be ready, stopping processes
seed.py, chat_mix.py, app.py, bench/   the data, the mix, the HTTP app, the benchmarks
"""
