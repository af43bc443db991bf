"""The load harness: seed data, the chat mix, a thin ASGI app over the data layer, Locust, and
the benchmarks behind `nox -s bench`."""
