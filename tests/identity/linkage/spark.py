"""What the Spark engine's tests need: PySpark (the spark extra) and Java. CI installs both, so
there a missing one fails the test; elsewhere the test is skipped and says what to install."""

import importlib.util
import os

import pytest


def require_spark() -> None:
    missing = []
    if importlib.util.find_spec("pyspark") is None:
        missing.append("PySpark (pip install -e '.[dev,spark]')")
    else:
        from sightline.identity.linkage.spark_engine import java_missing

        if java_missing():
            missing.append("Java 17 (apt-get install openjdk-17-jre-headless)")
    if missing:
        message = f"the Spark engine needs {' and '.join(missing)}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
