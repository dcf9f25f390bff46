"""Follow-up state from the issue trackers their tickets link to (``pmlint sync``).

``config`` reads the tracker tables, ``links`` matches a ticket link to its
tracker, ``transport`` sends the requests (batching, retries, the token
allow-list), one module per API fetches states, ``snapshot`` writes and reads
``.pmlint-tickets.json``, ``sync`` runs it all and ``rewrite`` brings the
Markdown in line. Only ``pmlint sync`` touches the network; lint and reports
read the snapshot.
"""
