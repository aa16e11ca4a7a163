"""The application server: gunicorn with several worker processes, logging in JSON."""

import socket

from django.conf import settings
from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):
    def __init__(self, options: dict) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from openadmit.wsgi import application

        return application


def free_loopback_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_server(*, host: str, port: int, workers: int) -> None:
    # Gunicorn's own messages in the site's log format; each request is logged once, with
    # its id, by RequestIdMiddleware, so gunicorn's access log stays off.
    log = settings.LOGGING
    _Server(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "worker_class": "gthread",
            "threads": 4,
            "timeout": 60,
            # Longer than nginx's upstream keepalive_timeout: nginx closes idle ones first.
            "keepalive": 5,
            "graceful_timeout": 30,
            # One gunicorn per port on a machine may run: no shared control socket.
            "control_socket_disable": True,
            "logconfig_dict": {
                "version": 1,
                "disable_existing_loggers": False,
                "filters": log["filters"],
                "formatters": log["formatters"],
                "handlers": log["handlers"],
                "loggers": {
                    "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False}
                },
            },
        }
    ).run()
