"""eventkit's fuzz harness: hostile inputs for every entry point, and the oracle."""
