"""Person, guardians, consents, visitor accounts."""
