import json
import logging
import sys

import pytest

from openadmit.core.logs import JsonFormatter
from openadmit.core.request_id import RequestIdFilter


@pytest.mark.django_db
def test_it_gives_every_answer_a_request_id_and_keeps_the_proxys(client):
    made = client.get("/livez")["X-Request-ID"]
    assert len(made) == 32
    assert client.get("/livez")["X-Request-ID"] != made
    given = "nginx-1f2e3d4c5b6a"
    assert client.get("/livez", headers={"X-Request-ID": given})["X-Request-ID"] == given


@pytest.mark.django_db
def test_it_never_takes_a_malformed_request_id(client):
    answer = client.get("/livez", headers={"X-Request-ID": 'x"\n{"level": "forged"}'})
    assert answer["X-Request-ID"] != 'x"\n{"level": "forged"}'
    assert len(answer["X-Request-ID"]) == 32


@pytest.mark.django_db
def test_it_logs_each_request_as_one_json_line_with_its_id(client, caplog):
    caplog.set_level(logging.INFO, logger="openadmit.requests")
    client.get("/search/?q=governance", headers={"X-Request-ID": "trace-00000001"})
    [record] = [r for r in caplog.records if r.name == "openadmit.requests"]
    RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "trace-00000001"
    assert line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["path"] == "/search/"
    assert line["status"] == 200
    assert line["duration_ms"] >= 0
    assert "q=governance" not in json.dumps(line)


def test_it_writes_an_exception_into_the_json_line():
    try:
        raise ValueError("broken")
    except ValueError:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "failed %s", ("here",), exc_info=sys.exc_info()
        )
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "failed here"
    assert "ValueError: broken" in line["exception"]
