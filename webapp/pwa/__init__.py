"""The installable app: manifest, service worker, offline page, and taps sent again once."""
