"""The sign-up rush's light client (`benchmarks/rush_client.py`) sends what a browser sends and
reads the answer's status and headers; a connection closed without an answer is an error the
benchmark sends again, never a sign-up."""

import socket
import threading
import urllib.parse

from benchmarks import rush_client


def _server(answer: bytes):
    """A one-connection server on loopback that records the request and sends `answer`."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    received = []

    def serve():
        connection, _ = listener.accept()
        data = b""
        while HEADER_END not in data or len(data) < _expected(data):
            chunk = connection.recv(65536)
            if not chunk:
                break
            data += chunk
        received.append(data)
        connection.sendall(answer)
        connection.close()
        listener.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return f"http://127.0.0.1:{listener.getsockname()[1]}", received, thread


HEADER_END = b"\r\n\r\n"


def _expected(data: bytes) -> int:
    head, _, _ = data.partition(HEADER_END)
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return len(head) + 4 + int(line.split(b":")[1])
    return len(head) + 4


def test_a_post_carries_the_form_cookie_and_client_address_and_reads_the_redirect():
    base, received, thread = _server(
        b"HTTP/1.1 302 Found\r\nLocation: /arrangement/kvittering/\r\nContent-Length: 0\r\n\r\n"
    )
    form = {"csrfmiddlewaretoken": "abc", "job_title": "Rådgjevar", "website": ""}
    payload = rush_client.request_bytes(
        url=f"{base}/arrangement/6/pamelding/",
        form=form,
        cookies={"csrftoken": "abc"},
        forwarded_for="10.0.0.7",
    )
    results = []
    seconds = rush_client.send_all(
        [("one", f"{base}/arrangement/6/pamelding/", payload)],
        concurrency=1,
        timeout=5,
        done=lambda key, **outcome: results.append((key, outcome)),
    )
    thread.join(5)
    head, _, body = received[0].partition(HEADER_END)
    lines = head.decode("latin-1").split("\r\n")
    assert lines[0] == "POST /arrangement/6/pamelding/ HTTP/1.1"
    assert "Cookie: csrftoken=abc" in lines and "X-Forwarded-For: 10.0.0.7" in lines
    assert urllib.parse.parse_qs(body.decode(), keep_blank_values=True) == {
        key: [value] for key, value in form.items()
    }
    [(key, outcome)] = results
    assert key == "one" and outcome["status"] == 302 and outcome["error"] == ""
    assert outcome["headers"]["location"] == "/arrangement/kvittering/"
    assert 0 < outcome["seconds"] <= seconds


def test_a_connection_closed_without_an_answer_is_a_connection_error():
    base, _received, thread = _server(b"")
    results = []
    rush_client.send_all(
        [
            (
                1,
                f"{base}/x/",
                rush_client.request_bytes(
                    url=f"{base}/x/", form={}, cookies={}, forwarded_for="10.0.0.1"
                ),
            )
        ],
        concurrency=1,
        timeout=5,
        done=lambda key, **outcome: results.append(outcome),
    )
    thread.join(5)
    assert results[0]["status"] is None
    assert results[0]["error"].startswith("ConnectionError")


def test_it_sends_from_a_thread_that_already_runs_an_event_loop():
    """Playwright's sync API (the browser tests) leaves a loop running in the test thread; the
    loop is made here in a thread of its own, whatever the test thread runs."""
    import asyncio

    base, _received, server = _server(b"HTTP/1.1 409 Conflict\r\nContent-Length: 0\r\n\r\n")
    results = []
    payload = rush_client.request_bytes(
        url=f"{base}/x/", form={}, cookies={}, forwarded_for="10.0.0.2"
    )

    async def inside_a_loop():
        rush_client.send_all(
            [(1, f"{base}/x/", payload)],
            concurrency=1,
            timeout=5,
            done=lambda key, **outcome: results.append(outcome),
        )

    caller = threading.Thread(target=lambda: asyncio.run(inside_a_loop()))
    caller.start()
    caller.join(10)
    server.join(5)
    assert results and results[0]["status"] == 409
