"""Test-only middleware: the live test server answers one request at a time on SQLite.

pytest-django's live server hands every request thread the test's one in-memory SQLite
connection. A page's parallel requests (the admin's script catalogue, icons, autosave) then use
that connection at once, and sqlite3 fails with "bad parameter or other API misuse": a session
read fails and the browser finds the sign-in page (tests/browser/test_import_todo.py failed so,
now and then). Real servers open a connection per thread and need none of this.
"""

import threading

_ONE_AT_A_TIME = threading.RLock()


class SerialRequests:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with _ONE_AT_A_TIME:
            return self.get_response(request)
