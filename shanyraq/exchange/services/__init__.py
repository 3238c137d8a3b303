"""State changes of the exchange, one module per concern (members, tandems, messages, showcase, privacy)."""
