"""Library services: everything that changes library state goes through here (views, API, commands)."""
