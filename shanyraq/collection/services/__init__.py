"""Services change the collection: each validates, locks, writes history, audits and indexes."""
