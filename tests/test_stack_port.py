"""make stack refuses a port another stack already listens on (its readiness check would
otherwise reach that stack and report ready)."""

import socket

from benchmarks._server import free_port, port_taken


def test_a_port_something_listens_on_is_taken():
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        assert port_taken(listening.getsockname()[1])


def test_a_free_port_is_not_taken():
    assert not port_taken(free_port())
