"""`make smoke`: the production stack, used the way its users meet it.

Starts PostgreSQL, Redis, two app servers (scripts/entrypoint.sh) and nginx (scripts/proxy.sh)
on loopback, imports the ACTRIS site, then checks, through the proxy:

1. every page, picture, document and feed answers (no 404 for any src/href of the site's own
   pages), and anonymous pages come from the proxy's cache;
2. an entry published through the admin (signed in on one app server) is on the homepage
   through the proxy within a second;
3. PostgreSQL and Redis restarted under light load: the site answers again, the editor is still
   signed in, the published entry is still there;
4. a backup (pg_dump and the media folder) restored into a fresh database serves the same pages;

and stops everything it started. Exit status 0 only when all of that holds.
"""

import datetime
import difflib
import email
import email.policy
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stack import Stack, pg_bin  # noqa: E402

PROJECT_DIR = Path(__file__).resolve().parent.parent
SITES = Path(os.environ.get("ISOMER_SITES_DIR", PROJECT_DIR.parent / "shared" / "isomer-sites"))
SITE = SITES / "cris-actris"
PASSWORD = "smoke-test-password-1"


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)
            elif name == "srcset" and value:
                self.found += [part.split()[0] for part in value.split(",") if part.strip()]


def links_of(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return parser.found


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SystemExit(f"SMOKE FAILED: {message}")
    print(f"  ok: {message}", flush=True)


def crawl(base: str) -> dict:
    """Every page reachable from the homepage and the sitemap, and everything they link to on
    this site; status of each."""
    host = urlsplit(base).netloc
    session = requests.Session()
    sitemap = session.get(base + "/sitemap.xml", timeout=30).text
    pages = ["/"] + [urlsplit(u).path for u in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    queue, seen, status, referrers = list(dict.fromkeys(pages)), set(), {}, {}
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        response = session.get(base + path, timeout=60, allow_redirects=False)
        status[path] = response.status_code
        is_page = response.headers.get("Content-Type", "").startswith("text/html")
        if response.status_code != 200 or not is_page or path.startswith("/admin/"):
            continue
        for link in links_of(response.text):
            url = urlsplit(urljoin(base + path, link))
            if url.scheme not in ("http", "https") or url.netloc != host:
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            referrers.setdefault(target, path)
            if target not in seen:
                queue.append(target)
    return {"status": status, "referrers": referrers}


def sign_in(base: str, mail: Path) -> requests.Session:
    """Password, then the code e-mailed to the account (over SMTP, to the stack's mail sink)."""
    session = requests.Session()
    form = session.get(base + "/admin/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    response = session.post(
        base + "/admin/login/",
        data={"csrfmiddlewaretoken": token, "username": "smoke", "password": PASSWORD},
        headers={"Referer": base + "/admin/login/"},
        timeout=30,
    )
    check(
        response.ok and "/admin/two-step/verify/" in response.url,
        "the password alone leads to the code page (two-step sign-in on)",
    )
    mails = sorted(mail.glob("*.eml"))
    body = ""
    if mails:
        message = email.message_from_bytes(mails[-1].read_bytes(), policy=email.policy.default)
        body = message.get_body(("plain",)).get_content()
    code = re.search(r"^\s+(\d{6})\s*$", body, re.M)
    check(code is not None, "the sign-in code was e-mailed")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)
    response = session.post(
        response.url,
        data={"csrfmiddlewaretoken": token, "code": code.group(1), "next": "/admin/"},
        headers={"Referer": response.url},
        timeout=30,
    )
    check(response.ok and response.url.rstrip("/").endswith("/admin"), f"signed in at {base}")
    return session


def form_fields(html: str) -> dict:
    """The values a browser would send for the page form as served: inputs (hidden and filled
    in, ticked boxes and chosen radios) and each select's chosen option (else its first)."""
    data = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'\sname="([^"]+)"', tag)
        kind = re.search(r'type="(checkbox|radio|submit|file)"', tag)
        if not name or kind and (kind.group(1) in ("submit", "file") or " checked" not in tag):
            continue
        value = re.search(r'\svalue="([^"]*)"', tag)
        data[name.group(1)] = value.group(1) if value else ("on" if kind else "")
    for name, options in re.findall(
        r'<select[^>]*\sname="([^"]+)"[^>]*>(.*?)</select>', html, re.S
    ):
        values = re.findall(r'<option[^>]*\svalue="([^"]*)"[^>]*>', options)
        chosen = re.search(r'<option[^>]*\svalue="([^"]*)"[^>]*\sselected', options)
        if chosen or values:
            data[name] = chosen.group(1) if chosen else values[0]
    return data


def publish_entry(base: str, session: requests.Session, category_id: int, title: str) -> None:
    url = f"{base}/admin/pages/add/newsroom/newsentrypage/{category_id}/"
    form = session.get(url, timeout=30)
    check(form.status_code == 200, "the admin's new-entry form opens")
    data = form_fields(form.text)
    data.update(
        {
            "title": title,
            "slug": re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"),
            "kind": "article",
            "publication_date": datetime.date.today().isoformat(),
            "summary": f"<p>{title}</p>",
            "body-count": "0",  # the empty body, as the editor's script sends it
            "action-publish": "action-publish",
        }
    )
    response = session.post(url, data=data, headers={"Referer": url}, timeout=60)
    if "/pages/add/" in response.url:  # the form again, with its errors
        errors = re.findall(
            r'class="[^"]*error[^"]*"[^>]*>\s*(?:<[^>]+>\s*)*([^<]{3,200})', response.text
        )
        print(f"    the admin said: {errors[:8]} (HTTP {response.status_code})")
    check(
        response.ok and "/pages/add/" not in response.url, f"published '{title}' through the admin"
    )


def light_load(base: str, paths: list[str], stop: threading.Event, outcomes: Counter) -> None:
    session = requests.Session()
    while not stop.is_set():
        for path in paths:
            try:
                outcomes[session.get(base + path, timeout=5).status_code] += 1
            except requests.RequestException:
                outcomes["no answer"] += 1
            time.sleep(0.05)


def import_actris(stack) -> set[str]:
    """Import ACTRIS; the paths of links already broken in the Isomer site (kept as written and
    on the editors' to-do list)."""
    print("Importing ACTRIS into PostgreSQL...", flush=True)
    report_file = stack.dir / "import-report.json"
    result = stack.manage("import_isomer", str(SITE), "--report", str(report_file))
    print(result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "")
    stack.use_site_address()
    stack.manage(
        "createsuperuser", "--noinput", "--username", "smoke", "--email", "smoke@example.org",
        env={"DJANGO_SUPERUSER_PASSWORD": PASSWORD},
    )  # fmt: skip
    return {
        urlsplit(href).path
        for item in json.loads(report_file.read_text())["items"]
        if item["code"].startswith("broken")
        for href in re.findall(r"Link to (.+?) points at", item["message"])
    }


QUEUE_STATE = (
    "from django_tasks_db.models import DBTaskResult as T; "
    "from wagtail.images import get_image_model as m; "
    "q = T.objects.filter(backend_name='renditions'); "
    "print(q.filter(status__in=['READY', 'RUNNING']).count(), q.filter(status='FAILED').count(), "
    "q.count(), m().get_rendition_model().objects.count())"
)


def worker_step(stack, seconds: float = 300) -> None:
    """The import queued the pictures' renditions; the worker makes them all."""
    print("0. The worker makes the renditions the import queued", flush=True)
    started = time.monotonic()
    while True:
        printed = stack.manage("shell", "-v", "0", "-c", QUEUE_STATE).stdout.strip()
        waiting, failed, queued, made = map(int, printed.splitlines()[-1].split())
        if not waiting or time.monotonic() - started > seconds:
            break
        time.sleep(2)
    print(
        f"    {queued} tasks queued, {made} renditions made in {time.monotonic() - started:.0f} s"
    )
    check(queued > 100 and not waiting and not failed, "the worker ran every queued task")
    check(made > 100, "renditions made by the worker")


def kind_of(path: str) -> str:
    for prefix, kind in (
        ("/media/", "picture"),
        ("/documents/", "document"),
        ("/static/", "static"),
    ):
        if path.startswith(prefix):
            return kind
    return "feed" if path.endswith("/feed/") else "page"


def crawl_step(stack, broken_in_source: set[str]) -> dict:
    base = stack.proxy_url
    print("1. Crawling every page, picture, document and feed through the proxy", flush=True)
    found = crawl(base)
    bad = {p: s for p, s in found["status"].items() if s not in (200, 301, 302)}
    for path in [p for p, s in bad.items() if s == 404 and urlsplit(p).path in broken_in_source]:
        print(f"    404 {path}: broken in the Isomer site itself; reported by the import")
        del bad[path]
    for path, code in list(bad.items())[:20]:
        print(f"    {code} {path} (linked from {found['referrers'].get(path)})")
    kinds = Counter(kind_of(p) for p in found["status"])
    print(f"    {len(found['status'])} addresses: {dict(kinds)}")
    check(not bad, f"all {len(found['status'])} addresses answer 200/301/302")
    again = requests.get(base + "/", timeout=10)
    check(again.headers.get("X-Cache") == "HIT", "the homepage comes from the proxy's cache")
    picture = next(p for p in found["status"] if p.startswith("/media/images/"))
    cached = requests.get(base + picture, timeout=10)
    check(
        "max-age=2592000" in cached.headers.get("Cache-Control", ""),
        "pictures served from disk, kept 30 days",
    )
    return found


def publish_step(stack, apps) -> tuple[requests.Session, str]:
    print("2. Publishing through the admin, seen through the proxy", flush=True)
    category = stack.manage(
        "shell", "-c",
        "from newsroom.models import NewsCategoryPage as C; print(C.objects.live().first().id)",
    ).stdout.strip().splitlines()[-1]  # fmt: skip
    editor = sign_in(apps[0], stack.mail)  # straight to one app server; visitors use the proxy
    title = f"Smoke test entry {int(time.time())}"
    publish_entry(apps[0], editor, int(category), title)
    published_at = time.monotonic()  # the editor sees "published"; a visitor asks
    seen_after = None
    while seen_after is None and time.monotonic() - published_at < 5:
        if title in requests.get(stack.proxy_url + "/", timeout=10).text:
            seen_after = time.monotonic() - published_at
        time.sleep(0.05)
    check(
        seen_after is not None and seen_after <= 1.0,
        f"on the homepage through the proxy after {seen_after or 5:.2f} s",
    )
    for app in apps:  # the other instance shows it too (shared cache and database)
        check(title in requests.get(app + "/", timeout=10).text, f"{app} shows it")
    return editor, title


def restart_step(stack, apps, editor, title) -> None:
    print("3. Restarting PostgreSQL and Redis under light load", flush=True)
    stop, outcomes = threading.Event(), Counter()
    paths = ["/", "/search/?q=cell", "/contact-us/"]
    load = threading.Thread(target=light_load, args=(stack.proxy_url, paths, stop, outcomes))
    load.start()
    time.sleep(1)
    stack.restart_postgres()
    back_pg = stack.wait_healthy(stack.proxy_url)
    stack.restart_redis()
    back_redis = stack.wait_healthy(stack.proxy_url)
    time.sleep(2)
    stop.set()
    load.join()
    print(f"    answers during the restarts: {dict(outcomes)}")
    check(
        stack.wait_healthy(apps[0]) < 10,
        f"answering again ({back_pg:.1f} s after PostgreSQL, {back_redis:.1f} s after Redis)",
    )
    dashboard = editor.get(apps[0] + "/admin/", timeout=10, allow_redirects=False)
    check(dashboard.status_code == 200, "the editor is still signed in after the Redis restart")
    check(
        title in requests.get(apps[1] + "/", timeout=10).text, "the published entry is still there"
    )


def run(*args) -> None:
    subprocess.run([str(a) for a in args], check=True)


def restore_backup(stack) -> tuple[str, Path]:
    """pg_dump and the media folder, restored into a fresh database served by a new app."""
    dump, media = stack.dir / "backup.dump", stack.dir / "media.tgz"
    pg = ["-h", "127.0.0.1", "-p", str(stack.pg_port), "-U", "postgres"]
    run(pg_bin("pg_dump"), *pg, "-Fc", "-f", dump, stack.database)
    run("tar", "-C", stack.dir, "-czf", media, "media")
    run(pg_bin("createdb"), *pg, "actris_restored")
    run(pg_bin("pg_restore"), *pg, "--no-owner", "-d", "actris_restored", dump)
    restored_media = stack.dir / "restored"
    restored_media.mkdir()
    run("tar", "-C", restored_media, "-xzf", media)
    port = 58009
    env = {
        **stack.env,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{stack.pg_port}/actris_restored",
        "MEDIA_ROOT": str(restored_media / "media"),
        "REDIS_URL": f"redis://127.0.0.1:{stack.redis_port}/5",  # its own cache
        "BIND": f"127.0.0.1:{port}",
        "FRONTEND_CACHE_URL": "",
    }
    stack.spawn("restored", ["scripts/entrypoint.sh", "web"], env=env)
    restored = f"http://127.0.0.1:{port}"
    stack.wait_healthy(restored, seconds=120)
    return restored, restored_media / "media"


def backup_step(stack, apps, found) -> None:
    print("4. Backup and restore", flush=True)
    restored, restored_media = restore_backup(stack)
    pages = [p for p, s in found["status"].items() if s == 200 and kind_of(p) in ("page", "feed")]
    host = {"Host": f"127.0.0.1:{stack.proxy_port}"}  # as visitors ask for it
    differ = []
    for path in pages:
        original = requests.get(apps[1] + path, headers=host, timeout=30).text
        copy = requests.get(restored + path, headers=host, timeout=30).text
        if original != copy:
            if not differ:
                diff = difflib.unified_diff(original.splitlines(), copy.splitlines(), n=0)
                print("\n".join(list(diff)[:12]))
            differ.append(path)
    check(not differ, f"the restored copy serves all {len(pages)} pages identically {differ[:5]}")
    same = subprocess.run(
        ["diff", "-r", str(stack.media), str(restored_media)], capture_output=True
    )
    check(same.returncode == 0, "the restored media folder is identical")


def main() -> None:
    if not SITE.is_dir():
        message = f"The ACTRIS site is needed at {SITE} (set ISOMER_SITES_DIR)."
        if os.environ.get("SMOKE_OPTIONAL"):  # `make test` on a machine without the sites
            print(f"SMOKE SKIPPED: {message}")
            return
        raise SystemExit(message)
    started = time.monotonic()
    with Stack() as stack:
        apps = [f"http://127.0.0.1:{port}" for port in stack.app_ports]
        broken_in_source = import_actris(stack)
        worker_step(stack)
        found = crawl_step(stack, broken_in_source)
        editor, title = publish_step(stack, apps)
        restart_step(stack, apps, editor, title)
        backup_step(stack, apps, found)
    print(f"SMOKE PASSED in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
