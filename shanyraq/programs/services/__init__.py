"""Services that change programs, sessions, registrations and attendance (one module per concern)."""
