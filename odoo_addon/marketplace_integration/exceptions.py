"""Exceptions of the sync code.

``ElementError`` marks one bad element of a batch call: the batch goes on and the
element's result names the element and the field. ``RetryableElementError`` is an
element that may succeed if the caller sends it again (e.g. a concurrent import).
"""


class ElementError(Exception):
    retryable = False

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


class RetryableElementError(ElementError):
    retryable = True
