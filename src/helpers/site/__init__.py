"""The lesson site: ``builder`` renders the committed notebooks into
``site/`` (``python -m helpers.site``, or ``make html``); ``templates/`` holds
its pages and stylesheet; ``vendor/`` the plotly.js bundle it ships."""
