"""``python -m helpers.site``: build the lesson site into ``site/``."""

from helpers.site.builder import main

main()
