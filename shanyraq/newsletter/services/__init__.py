"""Newsletter services: subscribers and consent (subscribers.py), imports and exports
(lists.py), mailings and the digest (mailings.py), sending (sending.py)."""
