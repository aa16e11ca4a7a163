"""The reverse proxy in front of the application servers: nginx, from Debian's package.

`nginx_config` writes the configuration from `core/nginx.conf`; `openadmit serve
--production` runs nginx with it on one machine, and `openadmit proxy-config` prints it for
a proxy machine in front of several application machines.
"""

import grp
import os
import pwd
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string

__all__ = ["ProxySettings", "find_nginx", "nginx_command", "nginx_config", "write_nginx_config"]

TEMP_FOLDERS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
# Above the largest document an intake may ask for (500 MB), with room for the form.
MAX_BODY_MB = 520
# When nginx starts as root its workers need a user; this one exists on every Debian system.
UNPRIVILEGED_USER = "nobody"


@dataclass(frozen=True)
class ProxySettings:
    listen: str
    upstreams: list[str]
    prefix: Path
    tls_certificate: str = ""
    tls_certificate_key: str = ""
    access_log: bool = True


def find_nginx() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None
    )


def _nginx_string(text: str) -> str:
    """Text safe inside a single-quoted nginx string, where `$` would name a variable."""
    return text.replace("\\", "\\\\").replace("'", "\\'").replace("$", "&#36;").replace("\n", " ")


def _unprivileged_user_and_group() -> str:
    account = pwd.getpwnam(UNPRIVILEGED_USER)
    return f"{account.pw_name} {grp.getgrgid(account.pw_gid).gr_name}"


def nginx_config(proxy: ProxySettings) -> str:
    running_as_root = os.geteuid() == 0
    return render_to_string(
        "core/nginx.conf",
        {
            "listen": proxy.listen,
            "upstreams": proxy.upstreams,
            "prefix": proxy.prefix,
            "user": _unprivileged_user_and_group() if running_as_root else "",
            "tls": bool(proxy.tls_certificate),
            "tls_certificate": proxy.tls_certificate,
            "tls_certificate_key": proxy.tls_certificate_key,
            "max_body_mb": MAX_BODY_MB,
            "access_log": proxy.access_log,
            "unavailable_page": _nginx_string(render_to_string("core/proxy_unavailable.html")),
        },
    )


def write_nginx_config(proxy: ProxySettings) -> Path:
    """Write the configuration and nginx's working folders under `proxy.prefix`."""
    proxy.prefix.mkdir(parents=True, exist_ok=True)
    for name in TEMP_FOLDERS:
        folder = proxy.prefix / name
        folder.mkdir(exist_ok=True)
        if os.geteuid() == 0:
            # nginx's workers run unprivileged and write request bodies here.
            user = pwd.getpwnam(UNPRIVILEGED_USER)
            os.chown(folder, user.pw_uid, user.pw_gid)
    path = proxy.prefix / "nginx.conf"
    path.write_text(nginx_config(proxy))
    return path


def nginx_command(nginx: str, config: Path) -> list[str]:
    return [nginx, "-p", str(config.parent), "-c", str(config), "-e", "stderr", "-g", "daemon off;"]
