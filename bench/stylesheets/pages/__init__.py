"""The test pages: one per stylesheet, written with that framework's own documented markup
(:mod:`.frameworks`, :mod:`.classless`, :mod:`.special`) on the shared shell and content
blocks of :mod:`.common`."""
