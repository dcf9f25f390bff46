"""The editor's side of pmlint: the language server (``pmlint lsp``)."""
