"""Programs, sessions, registrations, waiting lists, check-in, attendance."""
