"""The outbox ping to n8n: one per transaction and config (collected before the commit by
``marketplace.supplier.config._schedule_ping``), sent after the commit from a background
thread, at most one in flight per config and process, later ones coalesced.

The sweep (``_cron_ping_pending``) sends through ``send_ping`` too, at most once per the
config's interval.
"""
import logging
import threading
import time

import requests

from .n8n_signed_call import post_signed

_logger = logging.getLogger(__name__)

PING_TIMEOUT = 2.0  # seconds (connect and read)
# A ping n8n answers 429 or 5xx (busy, restarting) is sent again after these pauses; an
# unreachable n8n is not waited for (the sweep re-pings what stays pending).
PING_RETRY_DELAYS = (0.25, 1.0)  # seconds
# Real time: at most one ping per config in flight (per Odoo process); what commits meanwhile
# goes into one follow-up ping, sent no sooner than this after the previous one started.
REALTIME_PING_WINDOW = 0.5  # seconds


def send_ping(url, secret, payload):
    """Fire one ping (signed anew on every attempt); never raises. Returns n8n's HTTP status,
    or None when n8n could not be reached."""
    status = None
    for delay in PING_RETRY_DELAYS + (None,):
        try:
            status = post_signed(url, secret, payload, PING_TIMEOUT).status_code
        except requests.RequestException as exc:
            _logger.info("Cartona ping to %s failed (the sweep will retry): %s", url, exc)
            return None
        if status < 300:
            return status
        if status != 429 and status < 500:
            _logger.warning(
                "Cartona ping to %s was refused with HTTP %s: is the ping router workflow "
                "published, and is the shared secret the n8n credential's webhook secret?",
                url, status)
            return status
        if delay is not None:
            time.sleep(delay)
    _logger.info("Cartona ping to %s answered HTTP %s %s times (the sweep will retry)",
                 url, status, len(PING_RETRY_DELAYS) + 1)
    return status


class PingCoalescer:
    """At most one ping in flight per (database, config) in this process.

    The first ping starts a thread at once (the real-time path); pings submitted while it
    runs, or within ``window`` seconds of its start, are merged (kinds united, newest
    payload) into one follow-up ping sent by the same thread.
    """

    def __init__(self, window):
        self.window = window
        self._lock = threading.Condition()
        self._next = {}  # key -> the merged follow-up call, or None; a key = a running thread

    def submit_all(self, calls):
        """``calls``: ``[(key, url, secret, payload)]``; returns the threads started."""
        threads = []
        for key, url, secret, payload in calls:
            with self._lock:
                if key in self._next:
                    self._next[key] = self._merge(self._next[key], (url, secret, payload))
                    continue
                self._next[key] = None
            thread = threading.Thread(
                target=self._run, args=(key, (url, secret, payload)), name="cartona-ping",
                daemon=True,
            )
            thread.start()
            threads.append(thread)
        return threads

    @staticmethod
    def _merge(queued, call):
        if queued is None:
            return call
        url, secret, payload = call
        kinds = set(queued[2].get("kinds") or []) | set(payload.get("kinds") or [])
        return url, secret, dict(payload, kinds=sorted(kinds))

    @classmethod
    def merge(cls, queued, call):
        """``(key, url, secret, payload)`` calls of one config merged (kinds united, newest
        payload); ``queued`` may be None."""
        if queued is None:
            return call
        return (call[0],) + cls._merge(queued[1:], call[1:])

    def _run(self, key, call):
        try:
            while call:
                started = time.monotonic()
                send_ping(*call)  # looked up at call time (tests patch it)
                rest = self.window - (time.monotonic() - started)
                if rest > 0:
                    time.sleep(rest)
                with self._lock:
                    # taken and released under one lock: a submit either lands in this
                    # follow-up or finds no thread and starts one
                    call = self._next.get(key)
                    if call:
                        self._next[key] = None
                    else:
                        self._release(key)
        except BaseException:
            with self._lock:
                self._release(key)
            raise

    def _release(self, key):
        self._next.pop(key, None)
        self._lock.notify_all()

    def wait_idle(self, timeout):
        """Wait until no ping is in flight; False on timeout."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._next:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
        return True


PINGS = PingCoalescer(REALTIME_PING_WINDOW)
