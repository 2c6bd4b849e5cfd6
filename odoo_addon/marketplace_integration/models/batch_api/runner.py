"""Running a batch: one result per element, each element in its own savepoint.

``run`` is the per-element path. ``grouped`` tries a whole group of prepared writes at once
(one savepoint, a constant number of queries); when it fails the caller falls back to
``run``, so the results are the same either way.
"""
import logging

import psycopg2

from odoo.exceptions import AccessError, UserError, ValidationError

from ...cartona_rules import error_result
from ...exceptions import ElementError

_logger = logging.getLogger(__name__)

GROUP_FAILURES = (psycopg2.Error, ElementError, UserError, ValidationError)
# Concurrency errors belong to the whole transaction, never to one element: under REPEATABLE
# READ the same snapshot fails again on any retry inside it, so they propagate and Odoo's
# service layer (odoo.service.model.retrying, JSON-RPC and JSON-2 alike) replays the whole call
# in a new transaction. Kept as an element's error they answered a retryable error item for a
# call that succeeds when replayed (an outbox ack racing a new change of the same product).
CONCURRENCY_ERRORS = (
    psycopg2.errors.SerializationFailure,
    psycopg2.errors.DeadlockDetected,
    psycopg2.errors.LockNotAvailable,
)


def unexpected_message(exc):
    """An unexpected exception as one sentence for an element's error (no traceback)."""
    return "unexpected error (%s): %s; the Odoo server log has the details" % (
        type(exc).__name__, str(exc)[:300])


class BatchRunner:
    def __init__(self, env):
        self.env = env

    def run(self, elements, label, key_field, handler, indices=None, on_conflict=None,
            scope=None):
        """``handler(element, index)`` -> result dict, for each element in a savepoint.

        ``on_conflict(element, index)`` may turn a unique violation (a concurrent import)
        into a result; ``scope`` (``begin()``/``rollback()``) forgets in-memory state of an
        element whose savepoint was rolled back."""
        results = []
        for position, element in enumerate(elements):
            index = indices[position] if indices is not None else position
            key = element.get(key_field) if isinstance(element, dict) else None
            if scope:
                scope.begin()
            try:
                with self.env.cr.savepoint():
                    if not isinstance(element, dict):
                        raise ElementError("element", '"element" must be an object')
                    result = handler(element, index)
                    # Flush here, as the superuser: leaving the savepoint would flush with the
                    # transaction's first environment, the caller's, whose least-privilege
                    # group cannot read e.g. sale.order.line (seen on a real 17.0 server).
                    self.env.flush_all()
                result.update({"index": index, "ok": True})
                result.setdefault(key_field, key)
                results.append(result)
                continue
            except CONCURRENCY_ERRORS:
                raise
            except ElementError as exc:
                results.append(error_result(index, label, key_field, key, exc.field,
                                            exc.message, exc.retryable))
            except (UserError, ValidationError, AccessError) as exc:
                if isinstance(exc, AccessError):
                    # the batch methods run as superuser after the group check: an access error
                    # here is a defect of ours, so keep its traceback for the administrator
                    _logger.warning("%s %s: access error", label, index, exc_info=True)
                results.append(error_result(index, label, key_field, key, key_field,
                                            str(exc.args[0] if exc.args else exc), False))
            except psycopg2.Error as exc:
                if scope:
                    scope.rollback()
                results.append(self._database_error(exc, element, index, label, key_field, key,
                                                    on_conflict))
                continue
            except Exception as exc:  # pylint: disable=broad-except
                # a defect of ours or an input no rule foresaw: this element's error, never the
                # batch's (its savepoint is rolled back, the others commit); the traceback goes
                # to the server log only, never into the answer
                _logger.exception("%s %s: unexpected error", label, index)
                results.append(error_result(index, label, key_field, key, "element",
                                            unexpected_message(exc), False))
            if scope:
                scope.rollback()
        return results

    @staticmethod
    def _database_error(exc, element, index, label, key_field, key, on_conflict):
        if on_conflict and isinstance(exc, psycopg2.errors.UniqueViolation):
            try:
                return dict(on_conflict(element, index), index=index, ok=True)
            except ElementError as conflict:
                return error_result(index, label, key_field, key, conflict.field,
                                    conflict.message, conflict.retryable)
        return error_result(index, label, key_field, key, key_field,
                            (exc.pgerror or str(exc)).strip(), True)

    def grouped(self, label, apply):
        """Run ``apply()`` in one savepoint and flush; False (rolled back) if it failed."""
        try:
            with self.env.cr.savepoint():
                apply()
                self.env.flush_all()  # as the superuser, see run()
        except CONCURRENCY_ERRORS:
            raise
        except GROUP_FAILURES as exc:
            _logger.info("Cartona %s: grouped path failed (%s), one by one", label, exc)
            return False
        except Exception:  # pylint: disable=broad-except
            # one element no rule foresaw must not cost the batch: the slow path finds it
            _logger.warning("Cartona %s: grouped path failed, one by one", label, exc_info=True)
            return False
        return True
