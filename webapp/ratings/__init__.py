"""Self-ratings: how close the participant feels to work or studies, and the trend."""
