"""Signed Odoo -> n8n calls (docs/odoo-batch-api.md): the only place that builds their
headers and sends them."""
import hashlib
import hmac
import json
import time
import uuid

import requests


def sign_body(secret, body_bytes, timestamp=None, nonce=None):
    """Headers of a signed Odoo -> n8n call (see docs/odoo-batch-api.md)."""
    timestamp = str(int(timestamp if timestamp is not None else time.time()))
    nonce = nonce or uuid.uuid4().hex
    message = timestamp.encode() + b"." + nonce.encode() + b"." + body_bytes
    digest = hmac.new((secret or "").encode(), message, hashlib.sha256).hexdigest()
    return {
        "Content-Type": "application/json",
        "X-Cartona-Timestamp": timestamp,
        "X-Cartona-Nonce": nonce,
        "X-Cartona-Signature": "sha256=" + digest,
    }


def post_signed(url, secret, payload, timeout):
    body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    return requests.post(url, data=body, headers=sign_body(secret, body), timeout=timeout)
