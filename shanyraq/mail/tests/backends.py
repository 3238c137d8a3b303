"""A test e-mail backend that notes, for every message, whether a transaction was open at send time."""

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import transaction

SENT_IN_TRANSACTION: list[bool] = []


class TransactionWitnessBackend(LocmemBackend):
    def send_messages(self, messages):
        SENT_IN_TRANSACTION.extend(transaction.get_connection().in_atomic_block for _m in messages)
        return super().send_messages(messages)
