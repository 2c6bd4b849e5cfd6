#!/usr/bin/env python3
"""Bench (issue 3 "Measure"): import 500 Cartona orders x 5 lines through the addon's batch
method over RPC (batches of 50) vs creating the same orders with the raw ORM in the same
database (odoo shell). Prints a table; writes bench/results/odoo-import.json.

    bash bench/odoo_import_bench.sh [series]      # default 17.0
Env: ODOO_BENCH_ORDERS (500), ODOO_BENCH_LINES (5), ODOO_BENCH_BATCH (50), ODOO_SRC_<n>.
"""
import json
import os
import platform
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts" / "odoo"))
import odoo_runner as runner  # noqa: E402

ORDERS = int(os.environ.get("ODOO_BENCH_ORDERS", 500))
LINES = int(os.environ.get("ODOO_BENCH_LINES", 5))
BATCH = int(os.environ.get("ODOO_BENCH_BATCH", 50))
PRODUCTS = 50
RETAILERS = 40

PRODUCTS_CODE = r'''
from odoo import release
vals = {"type": "consu", "is_storable": True} if release.version_info[0] >= 18 else {"detailed_type": "product"}
env["product.product"].create([dict(vals, name="Bench product %s" % i, list_price=10 + i,
                                     cartona_id="B-%s" % i) for i in range(N)])
env.cr.commit()
print("@@RESULT@@ok")
'''

RAW_CODE = r'''
import json, time
from odoo import release
orders = json.load(open(PAYLOAD))
tax_field = "tax_ids" if release.version_info[0] >= 19 else "tax_id"
products = {p.cartona_id: p.id for p in env["product.product"].search([("cartona_id", "like", "B-")])}
partners = {}
for o in orders:
    code = o["retailer"]["retailer_code"]
    partners[code] = env["res.partner"].search([("cartona_id", "=", "retailer_" + code)], limit=1).id
def run(SaleOrder, prefix):
    start = time.perf_counter()
    for o in orders:
        SaleOrder.create({
            "partner_id": partners[o["retailer"]["retailer_code"]],
            "client_order_ref": prefix + o["hashed_id"],
            "order_line": [(0, 0, {"product_id": products[l["internal_product_id"]],
                                   "product_uom_qty": l["amount"], "price_unit": l["selling_price"],
                                   tax_field: [(6, 0, [])]}) for l in o["order_details"]],
        })
    env.flush_all()
    elapsed = time.perf_counter() - start
    env.cr.commit()
    return elapsed
plain = run(env["sale.order"], "RAW-")
quiet = run(env["sale.order"].with_context(tracking_disable=True), "RAWQ-")
print("@@RESULT@@" + json.dumps({"seconds": plain, "seconds_no_tracking": quiet}))
'''


def make_orders():
    orders = []
    for i in range(ORDERS):
        lines = []
        for j in range(LINES):
            lines.append({"id": i * 100 + j + 1, "internal_product_id": "B-%s" % ((i + j) % PRODUCTS),
                          "amount": 1 + (i + j) % 7, "selling_price": round(5 + ((i * 7 + j) % 40) * 0.25, 2),
                          "product_name": "Bench product"})
        r = i % RETAILERS
        orders.append({
            "hashed_id": "BENCH%05d" % i, "receipt_id": "R%05d" % i, "status": "pending",
            "total_price": round(sum(l["amount"] * l["selling_price"] for l in lines), 2),
            "retailer": {"retailer_code": "BR%03d" % r, "retailer_name": "Bench retailer %s" % r,
                         "retailer_number": "+2010%08d" % r, "retailer_address": "Street %s" % r},
            "order_details": lines,
        })
    return orders


class Rpc:
    def __init__(self, env):
        self.env = env
        self.calls = 0
        self.uid = None

    def post(self, path, payload, headers=None):
        req = urllib.request.Request(self.env["url"] + path, data=json.dumps(payload).encode(),
                                     headers=dict({"Content-Type": "application/json"}, **(headers or {})))
        self.calls += 1
        with urllib.request.urlopen(req, timeout=600) as resp:
            return json.loads(resp.read())

    def call(self, method, **kwargs):
        if self.env["protocol"] == "json2":
            return self.post("/json/2/marketplace.supplier.config/" + method, kwargs,
                             {"Authorization": "bearer " + self.env["apiKey"],
                              "X-Odoo-Database": self.env["db"]})
        if self.uid is None:
            res = self.post("/jsonrpc", {"jsonrpc": "2.0", "method": "call", "id": 0, "params": {
                "service": "common", "method": "login",
                "args": [self.env["db"], self.env["login"], self.env["apiKey"]]}})
            self.uid = res["result"]
        res = self.post("/jsonrpc", {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "service": "object", "method": "execute_kw",
            "args": [self.env["db"], self.uid, self.env["apiKey"], "marketplace.supplier.config",
                     method, [], kwargs]}})
        if "error" in res:
            raise RuntimeError(json.dumps(res["error"])[:2000])
        return res.get("result")


def _git(*args):
    try:
        return subprocess.run(("git",) + args, cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def provenance():
    """The machine and commit of this run, in the shape bench/provenance.js writes."""
    def proc_field(name, key):
        try:
            with open(name) as f:
                return next(line for line in f if line.startswith(key)).split(":", 1)[1].strip()
        except (OSError, StopIteration):
            return None
    mem = proc_field("/proc/meminfo", "MemTotal")
    mem_kb = int(mem.split()[0]) if mem else 0
    commit = _git("rev-parse", "HEAD")
    # Results written by an earlier bench of the same run are outputs, not code.
    status = _git("status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)bench/results") if commit else None
    return {
        "machine": {"cpus": os.cpu_count(), "cpuModel": proc_field("/proc/cpuinfo", "model name"),
                    "memGb": round(mem_kb * 1024 / 1e9) if mem_kb else None,
                    "os": "%s %s %s" % (platform.system(), platform.release(), platform.machine())},
        "commit": commit,
        "worktreeDirty": None if status is None else status != "",
    }


def main():
    series = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("ODOO_SERIES", "17.0").split()[0]
    runner.OUT.mkdir(exist_ok=True)
    s = runner.Series(series)
    if not s.found:
        print("SKIPPED: Odoo %s tree not found (set ODOO_SRC_%s or put it in ~/.cache/odoo/%s)"
              % (series, s.major, series))
        return 0
    runner.ensure_debian_packages()
    runner.ensure_postgres()
    s.build_addon()
    template = s.template()
    db = "mi_bench_%s_%s" % (s.major, os.getpid())
    creds = runner.prepare_server_db(s, template, db)
    runner.dropdb(template)
    res = s.shell(db, "N = %d\n" % PRODUCTS + PRODUCTS_CODE)
    if "@@RESULT@@ok" not in res.stdout:
        raise SystemExit("product setup failed: " + res.stderr[-2000:])
    orders = make_orders()
    port = runner.free_port()
    proc, url = runner.start_server(s, db, port, runner.OUT / ("odoo-%s-bench.log" % series))
    env = dict(creds, url=url, db=db, protocol="json2" if s.major >= 19 else "jsonRpc")
    try:
        rpc = Rpc(env)
        rpc.call("cartona_get_config", config_id=creds["configId"])  # warm-up + login
        rpc.calls = 0
        if env["protocol"] == "jsonRpc":
            rpc.calls = 1  # the login belongs to the run
        start = time.perf_counter()
        statuses = {}
        for i in range(0, ORDERS, BATCH):
            results = rpc.call("cartona_import_orders", config_id=creds["configId"],
                               orders=orders[i:i + BATCH])
            for r in results:
                statuses[r["status"]] = statuses.get(r["status"], 0) + 1
        rpc_seconds = time.perf_counter() - start
        if statuses.get("created") != ORDERS:
            raise SystemExit("import did not create every order: %s" % statuses)
        rpc_calls = rpc.calls
        # the same orders again: idempotent replay (what a re-pull costs)
        start = time.perf_counter()
        for i in range(0, ORDERS, BATCH):
            rpc.call("cartona_import_orders", config_id=creds["configId"], orders=orders[i:i + BATCH])
        replay_seconds = time.perf_counter() - start
    finally:
        runner.stop_server(proc)
    payload_file = runner.OUT / "odoo-bench-orders.json"
    payload_file.write_text(json.dumps(orders))
    res = s.shell(db, "PAYLOAD = %r\n" % str(payload_file) + RAW_CODE)
    m = re.search(r"@@RESULT@@(.*)", res.stdout)
    if not m:
        raise SystemExit("raw ORM run failed: " + res.stderr[-3000:])
    raw = json.loads(m.group(1))
    raw_plain = raw["seconds"]
    # the fair baseline: the batch method runs without mail tracking too; take the faster
    raw_seconds = min(raw["seconds"], raw["seconds_no_tracking"])
    runner.dropdb(db)
    result = {
        "series": series, "odoo": s.release(), "orders": ORDERS, "lines_per_order": LINES,
        "batch_size": BATCH,
        "batch_rpc": {"seconds": round(rpc_seconds, 3), "orders_per_s": round(ORDERS / rpc_seconds, 1),
                      "odoo_calls": rpc_calls, "calls_per_order": round(rpc_calls / ORDERS, 3)},
        "raw_orm": {"seconds": round(raw_plain, 3), "orders_per_s": round(ORDERS / raw_plain, 1),
                    "note": "sale.order.create per order in odoo shell, same database, timed in-process"},
        "raw_orm_no_tracking": {"seconds": round(raw["seconds_no_tracking"], 3),
                                "orders_per_s": round(ORDERS / raw["seconds_no_tracking"], 1),
                                "note": "same, with tracking_disable=True as the batch method uses"},
        "replay_existing": {"seconds": round(replay_seconds, 3),
                            "orders_per_s": round(ORDERS / replay_seconds, 1)},
        "throughput_ratio": round(raw_seconds / rpc_seconds, 3),
        "goal": {"ratio_min": 0.7, "calls_per_order_max": 3},
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        **provenance(),
    }
    out = ROOT / "bench" / "results" / "odoo-import.json"
    existing = {}
    if out.exists():
        try:
            existing = json.loads(out.read_text())
        except ValueError:
            existing = {}
    if "series" in existing:  # older single-series layout
        existing = {existing["series"]: existing}
    existing[series] = result
    out.write_text(json.dumps(existing, indent=2) + "\n")
    print("| Odoo %s | orders/s | seconds | Odoo calls | calls/order |" % series)
    print("|---|---|---|---|---|")
    print("| batch method over RPC (batches of %d) | %.1f | %.2f | %d | %.3f |" % (
        BATCH, ORDERS / rpc_seconds, rpc_seconds, rpc_calls, rpc_calls / ORDERS))
    print("| raw ORM (odoo shell) | %.1f | %.2f | - | - |" % (ORDERS / raw_plain, raw_plain))
    print("| raw ORM, tracking disabled | %.1f | %.2f | - | - |" % (
        ORDERS / raw["seconds_no_tracking"], raw["seconds_no_tracking"]))
    print("| replay (all existing) | %.1f | %.2f | %d | %.3f |" % (
        ORDERS / replay_seconds, replay_seconds, ORDERS // BATCH, (ORDERS // BATCH) / ORDERS))
    print("throughput ratio (batch RPC / faster raw ORM): %.2f (goal >= 0.70)" % (raw_seconds / rpc_seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
