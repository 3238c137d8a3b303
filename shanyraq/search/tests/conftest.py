from shanyraq.search.tests.fixtures import corpus  # noqa: F401
