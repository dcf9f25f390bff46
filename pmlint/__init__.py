"""pmlint: lint AI incident postmortems."""
