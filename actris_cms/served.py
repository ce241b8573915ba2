"""Where `make run` serves the site: the HOST and PORT that scripts/run-dev.sh reads.

Plain Python (no Django imports), so the development settings can use it as well as the
`setup_site` command that prints the admin sign-in address.
"""

import os


def dev_server_url() -> str:
    """``http://HOST:PORT/``, 127.0.0.1:8000 when unset; a server listening on every address
    is shown by its local one, an IPv6 address in brackets."""
    host = os.environ.get("HOST") or "127.0.0.1"
    port = os.environ.get("PORT") or "8000"
    if host in ("0.0.0.0", "::"):
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/"
