"""Reading: one postmortem's text into the document model every rule reads.

``frontmatter`` reads the YAML block, ``body`` the Markdown sections, ``directives``
the inline ``pmlint-disable`` comments; ``document`` assembles them into one
``Document``; ``vocabulary`` holds the words of the format (sections, statuses,
the cause taxonomy) that every stage shares.
"""
