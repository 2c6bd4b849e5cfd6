#!/usr/bin/env python3
"""Odoo runner of the project: addon tests per series, the node's Odoo tier, a dev server.

    python3 scripts/odoo/odoo_runner.py test          # what scripts/odoo/run-tests.sh runs
    python3 scripts/odoo/odoo_runner.py serve <series> [--port P] [--demo] [--workers N]
    python3 scripts/odoo/odoo_runner.py stop <series>    (a --workers N server: <series>-wN)
    python3 scripts/odoo/odoo_runner.py postgres      # PostgreSQL started, its login role created

Environment:
  ODOO_SERIES           series to run (default "16.0 17.0 18.0 19.0")
  ODOO_REQUIRED_SERIES  series whose absent tree is a failure instead of a SKIPPED line
                        (e.g. "16.0 17.0 18.0 19.0" on a machine meant to test every series)
  ODOO_SRC_16 .. _19    Odoo source tree per series (default ~/.cache/odoo/<series>)
  ODOO_DB_HOST/PORT/USER/PASSWORD   PostgreSQL login (default 127.0.0.1 5432 odoo odoo)
  ODOO_SKIP_NODE_TIER=1 only the addon tests (no server, no jest)
  N8N_URL               api_endpoint of the config created for the node tier
  ODOO_FIXTURE_RIGHTS=1 also give the integration user sales and stock manager rights (default 0:
                        only its least-privilege API group; tests create their fixtures with the
                        admin credentials in the JSON, fixtureLogin/fixtureApiKey)
Only the standard library is used here; Odoo runs under /usr/bin/python3 (Debian's packages).
"""
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "test-output"
PYTHON = os.environ.get("ODOO_PYTHON", "/usr/bin/python3")
ADDON = "marketplace_integration"
POSTGRES_PACKAGES = ["postgresql", "postgresql-client"]
DEBIAN_PACKAGES = POSTGRES_PACKAGES + (
    "python3-babel python3-chardet python3-dateutil "
    "python3-decorator python3-docutils python3-freezegun python3-geoip2 python3-pil "
    "python3-jinja2 python3-libsass python3-lxml python3-num2words python3-ofxparse "
    "python3-passlib python3-polib python3-psutil python3-psycopg2 python3-pydot python3-openssl "
    "python3-pypdf2 python3-qrcode python3-renderpm python3-reportlab python3-requests "
    "python3-rjsmin python3-stdnum python3-tz python3-vobject python3-werkzeug python3-xlsxwriter "
    "python3-xlrd python3-zeep python3-ldap python3-gevent python3-asn1crypto python3-cryptography "
    "python3-markupsafe python3-urllib3 python3-serial python3-usb python3-xlwt "
    "python3-phonenumbers python3-openpyxl python3-cbor2 python3-magic "
    "fonts-dejavu-core fonts-inconsolata fonts-font-awesome fonts-roboto-unhinted"
).split()
DB = {
    "host": os.environ.get("ODOO_DB_HOST", "127.0.0.1"),
    "port": os.environ.get("ODOO_DB_PORT", "5432"),
    "user": os.environ.get("ODOO_DB_USER", "odoo"),
    "password": os.environ.get("ODOO_DB_PASSWORD", "odoo"),
}
RESULT_RE = re.compile(r"odoo\.tests\.result: (\d+) failed, (\d+) error\(s\) of (\d+) tests")


def log(msg):
    print(msg, flush=True)


# ---------------------------------------------------------------- environment
def ensure_debian_packages(packages=DEBIAN_PACKAGES):
    missing = []
    for pkg in packages:
        res = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pkg],
                             capture_output=True, text=True)
        if "install ok installed" not in res.stdout:
            missing.append(pkg)
    if not missing:
        return
    if os.geteuid() != 0:
        log("WARNING: missing Debian packages (run as root to install): " + " ".join(missing))
        return
    log("installing Debian packages: " + " ".join(missing))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update"], check=False, env=env, stdout=subprocess.DEVNULL)
    subprocess.run(["apt-get", "install", "-y", "--no-install-recommends"] + missing,
                   check=True, env=env, stdout=subprocess.DEVNULL)


def pg_env():
    return dict(os.environ, PGHOST=DB["host"], PGPORT=DB["port"], PGUSER=DB["user"],
                PGPASSWORD=DB["password"])


def pg_ready():
    return subprocess.run(["pg_isready", "-h", DB["host"], "-p", DB["port"]],
                          capture_output=True).returncode == 0


def ensure_postgres():
    if not pg_ready():
        clusters = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True).stdout
        for line in clusters.splitlines():
            version, name = line.split()[:2]
            subprocess.run(["pg_ctlcluster", version, name, "start"], check=False)
        for _i in range(30):
            if pg_ready():
                break
            time.sleep(0.5)
        else:
            raise SystemExit("PostgreSQL is not running on %s:%s" % (DB["host"], DB["port"]))
    ok = subprocess.run(["psql", "-d", "postgres", "-Atc", "SELECT 1"], env=pg_env(),
                        capture_output=True).returncode == 0
    if ok:
        return
    if os.geteuid() != 0:
        raise SystemExit("cannot log in to PostgreSQL as %s; create that role (CREATEDB)" % DB["user"])
    sql = "CREATE ROLE \"%s\" LOGIN CREATEDB PASSWORD '%s'" % (DB["user"], DB["password"].replace("'", "''"))
    subprocess.run(["su", "postgres", "-c", "psql -v ON_ERROR_STOP=1 -c \"%s\"" % sql.replace('"', '\\"')],
                   check=True, stdout=subprocess.DEVNULL)


def psql(sql, db="postgres"):
    return subprocess.run(["psql", "-d", db, "-Atc", sql], env=pg_env(), capture_output=True,
                          text=True)


def dropdb(name):
    psql('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % name)


def createdb_from(template, name):
    dropdb(name)
    res = subprocess.run(["createdb", "-T", template, name], env=pg_env(), capture_output=True,
                         text=True)
    if res.returncode:
        raise RuntimeError("createdb %s: %s" % (name, res.stderr.strip()))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ---------------------------------------------------------------- series
class Series:
    def __init__(self, series):
        self.series = series
        self.major = int(series.split(".")[0])
        src = os.environ.get("ODOO_SRC_%s" % self.major) or str(Path.home() / ".cache" / "odoo" / series)
        self.src = Path(src).expanduser()
        self.found = (self.src / "odoo-bin").is_file()
        self.work = None

    def release(self):
        """The exact build, as Odoo prints it ("17.0-20240709"), from odoo/release.py."""
        import importlib.util

        spec = importlib.util.spec_from_file_location("odoo_release_%s" % self.major,
                                                      self.src / "odoo" / "release.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return "Odoo %s, version_info %s" % (module.version, tuple(module.version_info))

    def addons_path(self, extra):
        paths = [str(extra)]
        # 18.0/19.0 trees keep most addons in addons/; a 16.0 installer tree has an
        # unrelated addons/ folder, so only a folder holding the web addon counts
        if (self.src / "addons" / "web" / "__manifest__.py").is_file():
            paths.append(str(self.src / "addons"))
        paths.append(str(self.src / "odoo" / "addons"))
        return ",".join(paths)

    def build_addon(self):
        self.work = Path(tempfile.mkdtemp(prefix="odoo-%s-" % self.series))
        subprocess.run([sys.executable, str(ROOT / "scripts" / "odoo" / "build-addon.py"),
                        self.series, str(self.work)], check=True, stdout=subprocess.DEVNULL)
        return self.work

    def odoo_cmd(self, db, *args, command=None):
        return [PYTHON, str(self.src / "odoo-bin")] + ([command] if command else []) + ["--db_host", DB["host"], "--db_port", DB["port"],
                "--db_user", DB["user"], "--db_password", DB["password"], "-d", db,
                "--addons-path", self.addons_path(self.work)] + list(args)

    def run_odoo(self, db, args, logfile, timeout=1800):
        with open(logfile, "w") as fh:
            res = subprocess.run(self.odoo_cmd(db, *args), stdout=fh, stderr=subprocess.STDOUT,
                                 timeout=timeout, stdin=subprocess.DEVNULL)
        return res.returncode

    def template(self, demo=False):
        name = "mi_tmpl_%s%s_%s" % (self.major, "_demo" if demo else "", os.getpid())
        args = ["-i", "sale_management,stock", "--stop-after-init", "--http-port", str(free_port())]
        if demo:
            if self.major >= 19:
                args.append("--with-demo")
        else:
            args.append("--without-demo=all")
        dropdb(name)
        logfile = OUT / ("odoo-%s-template-%s.log" % (self.series, os.getpid()))
        rc = self.run_odoo(name, args, logfile)
        if rc:
            raise RuntimeError("template database for %s failed (rc %s, see %s)" % (self.series, rc, logfile))
        return name

    def shell(self, db, code):
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
            fh.write(code)
        try:
            with open(fh.name) as stdin:
                res = subprocess.run(self.odoo_cmd(db, "--no-http", "--log-level=warn", command="shell"),
                                     stdin=stdin, capture_output=True, text=True, timeout=300)
        finally:
            os.unlink(fh.name)
        return res


SETUP_CODE = r'''
import json, os
from odoo import release
series = release.version_info[0]
gfield = "group_ids" if series >= 19 else "groups_id"
Users = env["res.users"].with_context(no_reset_password=True)
user = Users.search([("login", "=", "n8n_integration")])
groups = [env.ref("base.group_user").id,
          env.ref("marketplace_integration.group_marketplace_integration").id]
if FIXTURE_RIGHTS:
    # test environments only: the node tier creates its fixtures (products, quants,
    # partners) with this login; the addon's own tests prove the strict group alone suffices
    groups += [env.ref("sales_team.group_sale_manager").id, env.ref("stock.group_stock_manager").id]
if not user:
    user = Users.create({"name": "n8n integration", "login": "n8n_integration",
                         "password": PASSWORD, gfield: [(6, 0, groups)]})
Keys = env["res.users.apikeys"].with_user(user).sudo()
try:
    key = Keys._generate(None, "n8n-ci", None)
except TypeError:
    key = Keys._generate(None, "n8n-ci")
admin = env.ref("base.user_admin")
AdminKeys = env["res.users.apikeys"].with_user(admin).sudo()
try:
    admin_key = AdminKeys._generate(None, "n8n-ci-fixtures", None)
except TypeError:
    admin_key = AdminKeys._generate(None, "n8n-ci-fixtures")
warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
config = env["marketplace.supplier.config"].create({
    "name": "Cartona CI", "company_id": env.company.id, "api_endpoint": N8N_URL,
    "auth_token": SECRET, "internal_supplier_code": "2",
    "warehouse_ids": [(6, 0, warehouse.ids)]})
env.cr.commit()
print("@@RESULT@@" + json.dumps({"configId": config.id, "apiKey": key, "uid": user.id,
                                    "adminLogin": admin.login, "adminApiKey": admin_key}))
'''


def start_server(s, db, port, logfile, workers=0):
    # workers > 0: Odoo's multi-process mode (prefork HTTP workers plus one cron worker, which
    # runs the addon's outbox sweep), as a production Odoo beside n8n queue mode runs.
    cmd = s.odoo_cmd(db, "--http-port", str(port), "--http-interface", "127.0.0.1",
                     "--db-filter", "^%s$" % re.escape(db),
                     "--workers", str(workers), "--max-cron-threads", "1" if workers else "0",
                     "--logfile", str(logfile))
    if s.major >= 17:
        cmd += ["--gevent-port", str(free_port())]
    else:
        cmd += ["--longpolling-port", str(free_port())]
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    url = "http://127.0.0.1:%s" % port
    for _i in range(120):
        if proc.poll() is not None:
            raise RuntimeError("Odoo server exited (rc %s), see %s" % (proc.returncode, logfile))
        try:
            with urllib.request.urlopen(url + "/web/login", timeout=2) as resp:
                if resp.status < 500:
                    return proc, url
        except Exception:
            time.sleep(0.5)
    stop_server(proc)
    raise RuntimeError("Odoo server did not answer on %s" % url)


def stop_server(proc):
    if proc and proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def prepare_server_db(s, template, db, n8n_url=None):
    createdb_from(template, db)
    rc = s.run_odoo(db, ["-i", ADDON, "--stop-after-init", "--http-port", str(free_port())],
                    OUT / ("odoo-%s-server-install.log" % s.series))
    if rc:
        raise RuntimeError("installing %s on %s failed (rc %s)" % (ADDON, db, rc))
    password = secrets.token_urlsafe(12)
    secret = secrets.token_hex(16)
    code = "PASSWORD = %r\nSECRET = %r\nN8N_URL = %r\nFIXTURE_RIGHTS = %r\n" % (
        password, secret, n8n_url or os.environ.get("N8N_URL", "http://127.0.0.1:5678"),
        os.environ.get("ODOO_FIXTURE_RIGHTS", "0") == "1") + SETUP_CODE
    res = s.shell(db, code)
    m = re.search(r"@@RESULT@@(.*)", res.stdout)
    if not m:
        raise RuntimeError("odoo shell setup failed: %s" % (res.stderr[-2000:] or res.stdout[-2000:]))
    data = json.loads(m.group(1))
    return {"login": "n8n_integration", "password": password, "apiKey": data["apiKey"],
            "configId": data["configId"], "sharedSecret": secret,
            "fixtureLogin": data["adminLogin"], "fixtureApiKey": data["adminApiKey"]}


# ---------------------------------------------------------------- test command
def addon_tests(s, template):
    db = "mi_test_%s_%s" % (s.major, os.getpid())
    createdb_from(template, db)
    logfile = OUT / ("odoo-%s-tests-%s.log" % (s.series, os.getpid()))  # per run: runs may overlap
    started = time.time()
    rc = s.run_odoo(db, ["-i", ADDON, "--test-enable", "--test-tags", "/" + ADDON,
                         "--stop-after-init", "--http-port", str(free_port())], logfile)
    text = logfile.read_text(errors="replace")
    m = RESULT_RE.findall(text)
    dropdb(db)
    if not m:
        return 0, 1, "no odoo.tests.result line (rc %s): the addon did not load, see %s" % (rc, logfile)
    failed, errors, total = (int(x) for x in m[-1])
    if total == 0:
        return 0, 1, "of 0 tests: the addon was not installable or not tested (rc %s), see %s" % (rc, logfile)
    bad = failed + errors
    if rc and not bad:
        bad = 1
    summary = "%s failed, %s error(s) of %s tests, rc %s, %.0f s" % (
        failed, errors, total, rc, time.time() - started)
    if bad:
        # CI keeps only this output: name what failed and why, not just how many
        summary += "".join("\n      %s" % line for line in failure_excerpts(text))
    return total - failed - errors, bad, summary


FAILURE_RE = re.compile(r" (?:ERROR|CRITICAL) \S+ \S+: ((?:FAIL|ERROR): \S+)\n(.*?)(?=\n\d{4}-\d\d-\d\d )",
                        re.S)


def failure_excerpts(text, limit=5):
    """The failed tests of an Odoo test log: name, then the traceback's last lines."""
    lines = []
    for name, trace in FAILURE_RE.findall(text)[:limit]:
        tail = [t for t in trace.strip().splitlines() if t.strip()][-4:]
        lines.append(name)
        lines.extend("  " + t[:300] for t in tail)
    return lines


def node_tier(s, template):
    db = "mi_node_%s_%s" % (s.major, os.getpid())
    port = free_port()
    logfile = OUT / ("odoo-%s-server-%s.log" % (s.series, os.getpid()))
    creds = prepare_server_db(s, template, db)
    proc = None
    try:
        proc, url = start_server(s, db, port, logfile)
        env_file = OUT / ("odoo-%s.json" % s.series)
        payload = {"series": s.series, "url": url, "db": db, "login": creds["login"],
                   "password": creds["password"], "apiKey": creds["apiKey"],
                   "configId": creds["configId"],
                   "protocol": "json2" if s.major >= 19 else "jsonRpc",
                   "sharedSecret": creds["sharedSecret"], "fixtureLogin": creds["fixtureLogin"],
                   "fixtureApiKey": creds["fixtureApiKey"]}
        env_file.write_text(json.dumps(payload, indent=2))
        res = subprocess.run(
            ["bash", "scripts/node24.sh", "npx", "jest", "--selectProjects", "odoo",
             "--passWithNoTests"],
            cwd=str(ROOT), env=dict(os.environ, ODOO_TEST_ENV=str(env_file)),
            capture_output=True, text=True, timeout=1800)
        output = res.stdout + res.stderr
        (OUT / ("odoo-%s-jest.log" % s.series)).write_text(output)
        m = re.search(r"^Tests:\s+(.*)$", output, re.M)
        passed = failed = 0
        if m:
            p = re.search(r"(\d+) passed", m.group(1))
            f = re.search(r"(\d+) failed", m.group(1))
            passed = int(p.group(1)) if p else 0
            failed = int(f.group(1)) if f else 0
        if res.returncode and not failed:
            failed = 1
        summary = m.group(0).strip() if m else ("no tests found" if res.returncode == 0 else
                                                "jest rc %s" % res.returncode)
        return passed, failed, summary
    finally:
        stop_server(proc)
        dropdb(db)


def cmd_test():
    OUT.mkdir(exist_ok=True)
    series_list = os.environ.get("ODOO_SERIES", "16.0 17.0 18.0 19.0").split()
    required = os.environ.get("ODOO_REQUIRED_SERIES", "").split()
    series_list += [name for name in required if name not in series_list]
    ensure_debian_packages()
    ensure_postgres()
    total_pass = total_fail = 0
    lines = []
    for name in series_list:
        s = Series(name)
        if not s.found:
            where = "set ODOO_SRC_%s or put it in ~/.cache/odoo/%s" % (s.major, name)
            if name in required:
                line = "FAILED: Odoo %s tree not found at %s (%s); ODOO_REQUIRED_SERIES lists it" % (
                    name, s.src, where)
                total_fail += 1
            else:
                line = "SKIPPED: Odoo %s tree not found (%s)" % (name, where)
            log(line)
            lines.append(line)
            continue
        log("== Odoo %s from %s (%s)" % (name, s.src, s.release()))
        s.build_addon()
        try:
            template = s.template()
            p, f, summary = addon_tests(s, template)
            log("   addon tests: %s passed, %s failed (%s)" % (p, f, summary))
            total_pass += p
            total_fail += f
            lines.append("Odoo %s addon: %s passed, %s failed (%s)" % (name, p, f, summary))
            if os.environ.get("ODOO_SKIP_NODE_TIER") != "1":
                try:
                    p, f, summary = node_tier(s, template)
                except Exception as exc:  # noqa: BLE001 - reported as one failure
                    p, f, summary = 0, 1, "node tier setup failed: %s" % exc
                log("   node tier (jest odoo): %s passed, %s failed (%s)" % (p, f, summary))
                total_pass += p
                total_fail += f
                lines.append("Odoo %s node tier: %s passed, %s failed (%s)" % (name, p, f, summary))
            dropdb(template)
        except Exception as exc:  # noqa: BLE001
            total_fail += 1
            log("   FAILED: %s" % exc)
            lines.append("Odoo %s: FAILED (%s)" % (name, exc))
        finally:
            shutil.rmtree(s.work, ignore_errors=True)
    log("== Odoo results")
    for line in lines:
        log("   " + line)
    log("%s passed, %s failed" % (total_pass, total_fail))
    return 1 if total_fail else 0


def cmd_serve(argv):
    import argparse

    parser = argparse.ArgumentParser(prog="serve.sh")
    parser.add_argument("series")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--n8n-url", default=None)
    parser.add_argument("--workers", type=int, default=0)
    args = parser.parse_args(argv)
    # A multi-worker Odoo is its own instance (database, pid and JSON files: "<series>-w<N>", which
    # --stop takes), so it never stops or drops the single-process Odoo of the same series.
    instance = args.series + ("-w%d" % args.workers if args.workers else "")
    OUT.mkdir(exist_ok=True)
    s = Series(args.series)
    if not s.found:
        raise SystemExit("SKIPPED: Odoo %s tree not found (set ODOO_SRC_%s or put it in ~/.cache/odoo/%s)"
                         % (args.series, s.major, args.series))
    ensure_debian_packages()
    ensure_postgres()
    cmd_stop([instance], quiet=True)
    s.work = OUT / "odoo-addons" / instance
    shutil.rmtree(s.work, ignore_errors=True)
    s.work.mkdir(parents=True)
    subprocess.run([sys.executable, str(ROOT / "scripts" / "odoo" / "build-addon.py"),
                    args.series, str(s.work)], check=True, stdout=subprocess.DEVNULL)
    template = s.template(demo=args.demo)
    # one database per checkout: two clones (a CI run beside a working tree) never share one
    import hashlib
    db = "mi_serve_%s%s_%s" % (s.major, "_w%d" % args.workers if args.workers else "",
                               hashlib.sha1(str(ROOT).encode()).hexdigest()[:8])
    creds = prepare_server_db(s, template, db, args.n8n_url)
    dropdb(template)
    port = args.port or free_port()
    proc, url = start_server(s, db, port, OUT / ("odoo-%s-serve.log" % instance), args.workers)
    payload = {"series": args.series, "url": url, "db": db, "login": creds["login"],
               "password": creds["password"], "apiKey": creds["apiKey"],
               "configId": creds["configId"], "sharedSecret": creds["sharedSecret"],
               "fixtureLogin": creds["fixtureLogin"], "fixtureApiKey": creds["fixtureApiKey"],
               "protocol": "json2" if s.major >= 19 else "jsonRpc", "pid": proc.pid,
               "workers": args.workers}
    (OUT / ("odoo-%s.json" % instance)).write_text(json.dumps(payload, indent=2))
    (OUT / ("odoo-%s.pid" % instance)).write_text(str(proc.pid))
    print(json.dumps(payload))
    return 0


def cmd_stop(argv, quiet=False):
    for series in argv:
        pidfile = OUT / ("odoo-%s.pid" % series)
        if not pidfile.exists():
            continue
        pid = int(pidfile.read_text())
        try:
            os.killpg(pid, signal.SIGTERM)
            if not quiet:
                log("stopped Odoo %s (pid %s)" % (series, pid))
        except ProcessLookupError:
            pass
        pidfile.unlink()
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in ("test", "serve", "stop", "postgres"):
        raise SystemExit(__doc__)
    if sys.argv[1] == "postgres":
        # n8n's queue mode (scripts/n8n/queue.js) needs the same server and login role as Odoo,
        # not Odoo's Python packages.
        ensure_debian_packages(POSTGRES_PACKAGES)
        ensure_postgres()
        sys.exit(0)
    if sys.argv[1] == "test":
        sys.exit(cmd_test())
    if sys.argv[1] == "serve":
        sys.exit(cmd_serve(sys.argv[2:]))
    sys.exit(cmd_stop(sys.argv[2:]))
