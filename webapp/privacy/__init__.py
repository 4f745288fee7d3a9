"""Privacy as the law asks: the read log, the participant's own view of it, log review,
consent per purpose, the participant's own data, retention and the notices."""
